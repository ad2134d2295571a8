import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { ManifestReport, slipwayApiRef } from '../../api';
import { manifestReport as report } from '../../__testUtils__/fixtures';
import { ManifestProblemsContent } from './ManifestProblemsContent';

const renderWith = (reports: ManifestReport[]) =>
  renderInTestApp(
    <TestApiProvider
      apis={[[slipwayApiRef, { getManifestReports: async () => reports }]]}
    >
      <ManifestProblemsContent />
    </TestApiProvider>,
  );

describe('ManifestProblemsContent', () => {
  it('lists each problem with file, line, field and message', async () => {
    await renderWith([report]);
    expect(await screen.findByText('broken/a.yaml')).toBeInTheDocument();
    expect(screen.getByText('11:10')).toBeInTheDocument();
    expect(screen.getByText('spec.owner')).toBeInTheDocument();
    expect(screen.getByText('group:default/payments').tagName).toBe('CODE');
    expect(
      screen.getByText(/environment "qa" is not configured/),
    ).toBeInTheDocument();
    expect(screen.getByText(/at 0123456789ab/)).toHaveTextContent(
      '9 applications and 3 systems in the catalog, 2 problems.',
    );
  });

  it('says so when there is no problem, and when the last read failed', async () => {
    await renderWith([
      {
        ...report,
        problems: [],
        error: 'git clone failed: repository not found',
      },
    ]);
    expect(
      await screen.findByText(
        /The last read failed, so the catalog still shows the previous state: git clone failed/,
      ),
    ).toBeInTheDocument();
  });

  it('says when the repository was not read yet', async () => {
    await renderWith([]);
    expect(
      await screen.findByText('The GitOps repository has not been read yet'),
    ).toBeInTheDocument();
  });
});
