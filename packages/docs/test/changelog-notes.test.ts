// Release notes on one API's changelog page: only what concerns that API.
import { describe, expect, it } from 'vitest';
import { aboutApi } from '../src/changelog-notes.mjs';

const all = [
  { name: 'samsara', title: 'Samsara Training' },
  { name: 'skilljar', title: 'Skilljar' },
  { name: 'thrive', title: 'Thrive' },
];
const [samsara, skilljar, thrive] = all as [(typeof all)[0], (typeof all)[0], (typeof all)[0]];

describe('aboutApi', () => {
  it('keeps the sentences naming the API and drops those naming only others', () => {
    const note = 'Skilljar PUT bodies are partial. Samsara learners are open strings. Thrive tokens expire.';
    expect(aboutApi(note, skilljar, all)).toBe('Skilljar PUT bodies are partial.');
    expect(aboutApi(note, thrive, all)).toBe('Thrive tokens expire.');
    expect(aboutApi(note, samsara, all)).toBe('Samsara learners are open strings.');
  });

  it('keeps a note naming no API whole (it concerns every one), and drops one about others only', () => {
    expect(aboutApi('Every client retries 429.\nOn Retry-After.', thrive, all)).toBe(
      'Every client retries 429. On Retry-After.',
    );
    expect(aboutApi('Types follow the pass (Skilljar objects; Samsara assignments).', thrive, all)).toBe('');
  });
});
