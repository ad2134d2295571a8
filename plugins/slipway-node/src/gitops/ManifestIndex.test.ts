import { ManifestIndex } from './ManifestIndex';
import { GitOpsRepository, GitOpsSnapshot } from './types';

/** A repository whose reads the test lets finish one by one, each returning the revision of the moment it began. */
function heldRepository() {
  let revision = 'r1';
  const reads: Array<{ revision: string; finish: () => void }> = [];
  const repository = {
    description: 'test',
    read: () =>
      new Promise<GitOpsSnapshot>(resolve => {
        const began = revision;
        reads.push({
          revision: began,
          finish: () =>
            resolve({
              revision: began,
              set: { applications: [], systems: [], problems: [] },
            } as unknown as GitOpsSnapshot),
        });
      }),
  } as unknown as GitOpsRepository;
  return {
    repository,
    reads,
    commit: (next: string) => {
      revision = next;
    },
  };
}

describe('ManifestIndex', () => {
  it('reads again after a change, also when a read that began before it is under way', async () => {
    const held = heldRepository();
    const index = new ManifestIndex({
      repository: held.repository,
      environments: [],
      maxAgeMs: 60_000,
    });
    const before = index.refresh();
    expect(held.reads).toHaveLength(1);
    // Someone commits while that read is under way, and asks for what the repository holds now (twice).
    held.commit('r2');
    const after = index.refresh();
    const alsoAfter = index.refresh();
    held.reads[0].finish();
    expect((await before).revision).toBe('r1');
    // The read that began before the change is not taken for after it: one more read follows, shared by both.
    await new Promise(resolve => setImmediate(resolve));
    expect(held.reads).toHaveLength(2);
    held.reads[1].finish();
    expect((await after).revision).toBe('r2');
    expect((await alsoAfter).revision).toBe('r2');
  });
});
