import { slipwayPlugin } from './plugin';

describe('slipway', () => {
  it('should export plugin', () => {
    expect(slipwayPlugin).toBeDefined();
  });
});
