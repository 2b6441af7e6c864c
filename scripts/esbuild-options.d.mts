import type { BuildOptions } from "esbuild";

/** The esbuild options of the shipped CLI bundle (see esbuild-options.mjs). */
export declare const nodeBundle: BuildOptions;
