import { describe, expect, it } from "vitest";
import { History, MAX_HISTORY } from "./history";

describe("History", () => {
  it("starts at the baseline with nothing to undo or redo", () => {
    const h = new History("a");
    expect(h.current).toBe("a");
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(false);
    expect(h.undo()).toBeUndefined();
    expect(h.redo()).toBeUndefined();
    expect(h.current).toBe("a");
  });

  it("undoes and redoes through pushed snapshots in order", () => {
    const h = new History(0);
    h.push(1);
    h.push(2);
    expect(h.current).toBe(2);
    expect(h.undo()).toBe(1);
    expect(h.undo()).toBe(0);
    expect(h.canUndo).toBe(false);
    expect(h.canRedo).toBe(true);
    expect(h.redo()).toBe(1);
    expect(h.redo()).toBe(2);
    expect(h.canRedo).toBe(false);
    expect(h.current).toBe(2);
  });

  it("drops the redo branch when pushing after an undo", () => {
    const h = new History("base");
    h.push("x");
    h.push("y");
    h.undo();
    h.push("z");
    expect(h.current).toBe("z");
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBeUndefined();
    expect(h.undo()).toBe("x");
    expect(h.undo()).toBe("base");
    expect(h.size).toBe(3);
  });

  it(`keeps at most ${MAX_HISTORY} snapshots by default, dropping the oldest`, () => {
    const h = new History(0);
    for (let i = 1; i <= 60; i++) h.push(i);
    expect(h.size).toBe(MAX_HISTORY);
    expect(h.current).toBe(60);
    let undos = 0;
    while (h.undo() !== undefined) undos++;
    expect(undos).toBe(MAX_HISTORY - 1);
    // Snapshots 0..10 fell off the bottom; 11 is the new baseline.
    expect(h.current).toBe(11);
  });

  it("honours a custom bound", () => {
    const h = new History("a", 2);
    h.push("b");
    h.push("c");
    expect(h.size).toBe(2);
    expect(h.undo()).toBe("b");
    expect(h.canUndo).toBe(false);
  });

  it("rejects a non-positive bound", () => {
    expect(() => new History("a", 0)).toThrow(RangeError);
  });

  it("returns the same snapshot objects it was given", () => {
    const first = new Uint8Array([1]);
    const second = new Uint8Array([2]);
    const h = new History(first);
    h.push(second);
    expect(h.undo()).toBe(first);
    expect(h.redo()).toBe(second);
  });
});
