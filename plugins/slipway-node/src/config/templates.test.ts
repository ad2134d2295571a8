import { compileTemplate } from './templates';

const context = {
  app: {
    name: 'checkout-api',
    system: 'payments',
    owner: 'group:default/payments',
    type: 'service',
    labels: { tier: 'back end' },
  },
  env: { name: 'prod', namespace: 'checkout-prod' },
};

describe('compileTemplate', () => {
  it('renders every variable, encoding each inserted value', () => {
    const template = compileTemplate(
      'https://g.example.com/d?app={{app.name}}&sys={{ app.system }}&o={{ app.owner }}&t={{ app.type }}&tier={{ app.labels.tier }}&env={{ env.name }}&ns={{ env.namespace }}&none={{ app.labels.missing }}',
    );
    expect(template.render(context, encodeURIComponent)).toBe(
      'https://g.example.com/d?app=checkout-api&sys=payments&o=group%3Adefault%2Fpayments&t=service&tier=back%20end&env=prod&ns=checkout-prod&none=',
    );
  });

  it('refuses unknown variables and stray braces', () => {
    expect(() => compileTemplate('{{ process.env.HOME }}')).toThrow(
      'unknown variable "{{ process.env.HOME }}"',
    );
    expect(() => compileTemplate('a {{ app.name }')).toThrow('unbalanced');
  });
});
