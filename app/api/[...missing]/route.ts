import { AppError } from "@/lib/errors";
import { handler } from "@/lib/http/route";

/** Unknown API paths answer the API's JSON 404, not the HTML not-found page. */
const notFound = handler(async (req) => {
  throw new AppError("not_found", `There is no ${req.method} ${new URL(req.url).pathname} in the studio's API.`);
});
export { notFound as GET, notFound as HEAD, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
