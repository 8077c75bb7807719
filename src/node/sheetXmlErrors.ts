/** Thrown by the fast reading when a row is not as RowsXmlWriter writes it: read with saxes instead. */
export class NotOwnFormat extends Error {
  constructor() {
    super('not the format RowsXmlWriter writes');
    this.name = 'NotOwnFormat';
  }
}
