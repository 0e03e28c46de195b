// ESLint (flat config): typescript-eslint's recommended rules on every TypeScript file of the
// tree, and the type-aware rules about promises (a promise nobody awaits or handles is a
// crash or a lost error waiting to happen); formatting is Prettier's alone
// (eslint-config-prettier turns ESLint's off).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "src/generated/",
      "test/generated/",
      "data/",
      "coverage/",
      "bench/results/",
      "examples/client/generated/",
      "client/possible-types.ts",
      "**/*.js",
      "!eslint.config.js",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      // `_name` marks a binding kept on purpose (a destructured field left out, an unused parameter of a contract).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", caughtErrors: "none" },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  // The one plain JavaScript script (npm start runs it before anything is compiled) runs on Node.
  { files: ["scripts/*.mjs"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
  prettier,
);
