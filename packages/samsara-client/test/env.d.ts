// The global setup (`@lms-apis/mock-server/vitest-global-setup`, named by string in
// vitest.config.ts) provides the mock's URLs; its module declares their types for `inject`.
import type {} from '@lms-apis/mock-server/vitest';
