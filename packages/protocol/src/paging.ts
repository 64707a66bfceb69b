/** The paging envelope every Graph list edge answers with. */

export interface PagingCursors {
  before: string;
  after: string;
}

export interface Paging {
  cursors?: PagingCursors;
  next?: string;
  previous?: string;
}

export interface GraphList<T> {
  data: T[];
  paging?: Paging;
}
