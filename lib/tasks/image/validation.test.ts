import { describe, expect, it } from "vitest";
import { checkTaskInput } from "@/lib/client/task-input";
import { AppError } from "@/lib/errors";
import { sizeMultipleErrors, snapSide } from "@/lib/providers/catalog";
import { refuseUnsnappedSize } from "./server";

const base = { task: "image", prompt: "a lighthouse at dawn" };
const errorsOf = (input: Record<string, unknown>) => {
  const checked = checkTaskInput("image", { ...base, ...input });
  return checked.ok ? {} : checked.errors;
};

describe("image form validation", () => {
  it.each([[2 ** 32], [99999999999999999999], [-1], [4.5]])("a seed of %s gets a sentence naming the range, not the validator's text", (seed) => {
    expect(errorsOf({ seed })).toEqual({ seed: "Seed must be a whole number from 0 to 4294967295" });
  });

  it("reports the width's and the height's error together, each by its field", () => {
    expect(errorsOf({ imageSize: { width: 10, height: 5000 } })).toEqual({ "imageSize.width": "At least 64 px", "imageSize.height": "At most 2048 px" });
    // A fraction used to abort the union into one bare "Invalid input" for the whole size.
    expect(errorsOf({ imageSize: { width: 100.5, height: 0 } })).toEqual({ "imageSize.width": "Use whole pixels", "imageSize.height": "At least 64 px" });
  });
});

describe("custom sizes and the model's multiple", () => {
  it("snaps a side to the nearest multiple, and leaves out-of-range sides to the range check", () => {
    expect(snapSide(1000, 16)).toBe(1008);
    expect(snapSide(1000, 8)).toBe(1000);
    expect(snapSide(1030, 16)).toBe(1024);
    expect(snapSide(2047, 16)).toBe(2048);
    expect(snapSide(10, 16)).toBe(10);
  });

  it("names every side that is off the multiple, with the nearest that fits", () => {
    expect(sizeMultipleErrors({ width: 1000, height: 770 }, 16)).toEqual({
      "imageSize.width": "This model takes multiples of 16 px; 1008 is the nearest",
      "imageSize.height": "This model takes multiples of 16 px; 768 is the nearest",
    });
    expect(sizeMultipleErrors({ width: 1008, height: 768 }, 16)).toEqual({});
    expect(sizeMultipleErrors("square_hd", 16)).toEqual({});
  });

  it("the server refuses an unsnapped FLUX size by field, and takes a snapped one", () => {
    let thrown: unknown;
    try {
      refuseUnsnappedSize({ width: 1000, height: 768 }, "flux-text-to-image");
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).fields).toEqual({ "imageSize.width": "This model takes multiples of 16 px; 1008 is the nearest" });
    expect(() => refuseUnsnappedSize({ width: 1008, height: 768 }, "flux-text-to-image")).not.toThrow();
    // SDXL works in blocks of 8.
    expect(() => refuseUnsnappedSize({ width: 1000, height: 768 }, "sdxl-controlnet-union")).not.toThrow();
  });
});
