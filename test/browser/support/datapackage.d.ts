/** The part of the `datapackage` package (Frictionless Data's JavaScript library, CommonJS, untyped) the page tests use. */
declare module 'datapackage' {
  interface Validation {
    valid: boolean;
    errors: Error[];
  }
  export class Profile {
    static load(profile: string): Promise<Profile>;
    readonly name: string;
    validate(descriptor: object): Validation;
  }
  export class Resource {
    readonly name: string;
    readonly tabular: boolean;
    read(options?: { keyed?: boolean; cast?: boolean }): Promise<Record<string, unknown>[]>;
  }
  export class Package {
    static load(descriptor: object | string, basePath?: string, strict?: boolean): Promise<Package>;
    readonly valid: boolean;
    readonly errors: Error[];
    readonly profile: Profile;
    readonly resources: Resource[];
  }
  export function validate(descriptor: object | string): Promise<Validation>;
}
