declare module 'pluralize' {
  interface Pluralize {
    (word: string, count?: number, inclusive?: boolean): string;
    plural(word: string): string;
    singular(word: string): string;
  }
  const pluralize: Pluralize;
  export default pluralize;
}
