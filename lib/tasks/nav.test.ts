import { describe, expect, it } from "vitest";
import { TASK_NAV } from "./nav";
import { TASKS } from "./registry";

describe("TASK_NAV", () => {
  it("lists every task once, in the registry's order", () => {
    expect(TASK_NAV.map((t) => t.id)).toEqual(TASKS);
  });
});
