/**
 * The tables, as Kysely sees them. A job's full record is kept as JSON in `record` (validated by
 * lib/jobs/schema.ts on the way out); the other columns are projections of it for querying.
 */
export interface JobsTable {
  id: string;
  task: string;
  status: string;
  engine: string;
  endpoint_id: string;
  request_id: string | null;
  share_id: string | null;
  /** Lower-cased prompt / idea, for search. */
  search_text: string;
  created_at: string;
  updated_at: string;
  /** Which studio instance drives the job, and until when its claim holds. */
  lease_owner: string | null;
  lease_until: string | null;
  /** The outgoing webhook's state (pending, delivered, failed), null without one. */
  webhook_state: string | null;
  record: string;
}

export interface MediaTable {
  sha256: string;
  ext: string;
  content_type: string;
  bytes: number;
  width: number | null;
  height: number | null;
  duration_sec: number | null;
  poster_url: string | null;
  created_at: string;
}

export interface Database {
  jobs: JobsTable;
  media: MediaTable;
}

