/**
 * The API client (./api) for code that calls it on an action (a submit, an upload, a click), not
 * while the page loads: it loads with the first call, not with the page. Its errors are that
 * module's ApiError, so an `instanceof` check takes the class from the loaded module.
 */
export const loadApi = () => import("./api");
