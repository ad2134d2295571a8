import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Entity } from '@backstage/catalog-model';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { EntityTitlePicker } from './EntityTitlePicker';

const group = (name: string, title?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', ...(title && { title }) },
  spec: { type: 'team', children: [] },
});
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default', title: 'Payments' },
  spec: { owner: 'group:default/payments' },
};

function renderPicker(formData?: string) {
  const onChange = jest.fn();
  const props = {
    onChange,
    formData,
    required: true,
    rawErrors: [],
    schema: { title: 'Owner', description: 'The team that owns it.' },
    uiSchema: { 'ui:options': { catalogFilter: { kind: 'Group' } } },
    idSchema: { $id: 'root_owner' },
  } as any;
  return {
    onChange,
    rendered: renderInTestApp(
      <TestApiProvider
        apis={[
          [
            catalogApiRef,
            catalogApiMock({
              entities: [
                group('storefront', 'Storefront'),
                group('payments', 'Payments'),
                group('no-title'),
                system,
              ],
            }),
          ],
        ]}
      >
        <EntityTitlePicker {...props} />
      </TestApiProvider>,
    ),
  };
}

describe('EntityTitlePicker', () => {
  it('offers the teams of the filter by title, and stores the chosen one as its reference', async () => {
    const { onChange, rendered } = renderPicker();
    await rendered;
    await userEvent.click(screen.getByRole('textbox', { name: /Owner/ }));
    const options = await screen.findAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'no-title',
      'Payments',
      'Storefront',
    ]);
    await userEvent.click(screen.getByRole('option', { name: 'Payments' }));
    expect(onChange).toHaveBeenCalledWith('group:default/payments');
  });

  it('shows the chosen team by its title, not its reference', async () => {
    await renderPicker('group:default/payments').rendered;
    expect(
      await screen.findByDisplayValue('Payments', {}, { timeout: 3000 }),
    ).toBeInTheDocument();
    expect(
      screen.queryByDisplayValue('group:default/payments'),
    ).not.toBeInTheDocument();
  });
});
