import { describe, expect, it } from "vitest";
import { formatTimestamp, toPlainText, toSrt, toVtt } from "./format";

describe("toSrt", () => {
  it("numbers cues from 1 with SubRip timestamps and blank lines between cues", () => {
    expect(
      toSrt([
        { start: 0, end: 2.5, text: " Hello there. " },
        { start: 2.5, end: 5.042, text: "General Kenobi!" },
      ]),
    ).toBe("1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:02,500 --> 00:00:05,042\nGeneral Kenobi!\n");
  });

  it("skips empty segments without leaving holes in the numbering", () => {
    expect(
      toSrt([
        { start: 0, end: 1, text: "one" },
        { start: 1, end: 2, text: "   " },
        { start: 2, end: 3, text: "" },
        { start: 3, end: 4, text: "two" },
      ]),
    ).toBe("1\n00:00:00,000 --> 00:00:01,000\none\n\n2\n00:00:03,000 --> 00:00:04,000\ntwo\n");
  });

  it("formats hours, minutes and rounds to milliseconds", () => {
    expect(toSrt([{ start: 3725.0004, end: 3726.9996, text: "late" }])).toBe(
      "1\n01:02:05,000 --> 01:02:07,000\nlate\n",
    );
    expect(toSrt([{ start: 360_000, end: 360_001.25, text: "very late" }])).toBe(
      "1\n100:00:00,000 --> 100:00:01,250\nvery late\n",
    );
  });

  it("drops blank lines inside a cue and repairs bad times", () => {
    expect(toSrt([{ start: Number.NaN, end: -3, text: "a\n\n  b  \r\n" }])).toBe(
      "1\n00:00:00,000 --> 00:00:00,000\na\nb\n",
    );
    expect(toSrt([{ start: 5, end: 4, text: "x" }])).toBe("1\n00:00:05,000 --> 00:00:05,000\nx\n");
  });

  it("returns an empty string when there is nothing to show", () => {
    expect(toSrt([])).toBe("");
    expect(toSrt([{ start: 0, end: 1, text: " " }])).toBe("");
  });
});

describe("toVtt", () => {
  it("starts with the WEBVTT header and writes HH:MM:SS.mmm times with a dot", () => {
    expect(
      toVtt([
        { start: 0, end: 2.5, text: " Hello there. " },
        { start: 3725.0004, end: 3726.9996, text: "late" },
      ]),
    ).toBe("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello there.\n\n01:02:05.000 --> 01:02:07.000\nlate\n");
  });

  it("escapes &, < and the --> that would end a cue's timing", () => {
    expect(toVtt([{ start: 1, end: 2, text: "a --> b <i>x</i> & c" }])).toBe(
      "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\na --&gt; b &lt;i&gt;x&lt;/i&gt; &amp; c\n",
    );
  });

  it("skips empty segments, drops blank lines inside a cue and repairs bad times", () => {
    expect(toVtt([{ start: 0, end: 1, text: " " }, { start: Number.NaN, end: -3, text: "a\n\n b " }])).toBe(
      "WEBVTT\n\n00:00:00.000 --> 00:00:00.000\na\nb\n",
    );
  });

  it("is a bare header when there is nothing to show", () => {
    expect(toVtt([])).toBe("WEBVTT\n");
  });
});

describe("toPlainText", () => {
  const segments = [
    { start: 0, end: 1, text: " Hello " },
    { start: 1, end: 2, text: "" },
    { start: 2, end: 3, text: "world." },
  ];

  it("prefers the model's full text, trimmed", () => {
    expect(toPlainText("  Hello, world.\n", segments)).toBe("Hello, world.");
  });

  it("falls back to joining segment texts", () => {
    expect(toPlainText("", segments)).toBe("Hello world.");
    expect(toPlainText(undefined, segments)).toBe("Hello world.");
    expect(toPlainText(null)).toBe("");
  });
});

describe("formatTimestamp", () => {
  it.each([
    [0, "0:00"],
    [5.9, "0:05"],
    [59.999, "0:59"],
    [60, "1:00"],
    [754, "12:34"],
    [3599, "59:59"],
    [3600, "1:00:00"],
    [3725, "1:02:05"],
    [36_000, "10:00:00"],
    [-4, "0:00"],
    [Number.NaN, "0:00"],
    [Number.POSITIVE_INFINITY, "0:00"],
  ])("formats %s s as %s", (sec, expected) => {
    expect(formatTimestamp(sec)).toBe(expected);
  });
});
