import { describe, expect, it } from "vitest";
import { defaultPose } from "@/lib/pose/skeleton";
import { poseMapSizeError, renderPoseMap } from "./pose-map";

describe("poseMapSizeError", () => {
  it("accepts the sizes models take", () => {
    expect(poseMapSizeError(1024, 768)).toBeUndefined();
    expect(poseMapSizeError(4096, 4096)).toBeUndefined();
  });

  it("refuses fractional, empty and non-finite sizes", () => {
    expect(poseMapSizeError(1024.5, 768)).toMatch(/whole positive size/);
    expect(poseMapSizeError(0, 768)).toMatch(/whole positive size/);
    expect(poseMapSizeError(Number.NaN, 768)).toMatch(/whole positive size/);
  });

  it("refuses a map larger than any model input, naming the size", () => {
    expect(poseMapSizeError(8192, 8192)).toMatch(/8192×8192.*pose control map takes up to 16\.8 MP/);
  });
});

describe("renderPoseMap", () => {
  it("refuses a bad size before touching any canvas (there is none in node)", async () => {
    await expect(renderPoseMap(defaultPose(512, 512), 10_000, 10_000)).rejects.toThrow(RangeError);
  });
});
