// The global setup (the mock server's `vitest-global-setup`, in the root vitest.config.ts's
// `test` kind) provides the mock's URLs; its module declares their types for `inject`.
import type {} from '@lms-apis/mock-server/vitest';
