/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// A relative base and state in the URL hash: the built app works from any static host and path.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: true },
  test: {
    include: ['src/**/*.test.ts', 'scenarios/**/*.test.ts'],
    environment: 'node',
    // Exhaustive exploration of a seed race can take seconds on a 2-core machine; speed is
    // reported by `npm run bench`, never asserted by a test.
    testTimeout: 120_000,
  },
})
