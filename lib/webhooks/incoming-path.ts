/**
 * Where fal's webhooks reach the studio (app/api/webhooks/fal/route.ts). A module of its own, so
 * what only needs the address (the test harness's fetch) does not load the verifier and its fetch.
 */
export const INCOMING_PATH = "/api/webhooks/fal";
