/** asl-validator 4 ships no types: the slice of its API the tests call. */
declare module 'asl-validator' {
  interface AslValidationError {
    readonly message: string;
    readonly [field: string]: unknown;
  }
  interface AslValidationResult {
    readonly isValid: boolean;
    readonly errors: readonly AslValidationError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidationResult;
  export = aslValidator;
}
