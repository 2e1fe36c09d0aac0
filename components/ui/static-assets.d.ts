// What the build makes of an imported image (./icons.svg), for a type check run before any build:
// next-env.d.ts, which references the same types, is written by `next build` and not kept in git.
/// <reference types="next/image-types/global" />
