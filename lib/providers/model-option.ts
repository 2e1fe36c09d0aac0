import type { EndpointEntry, Supports } from "./catalog";

/** A model as a page offers it: the endpoint and which optional fields its family takes. */
export type ModelOption = EndpointEntry & { supports: Supports };
