import { createDevApp } from '@backstage/dev-utils';
import { slipwayPlugin, SlipwayPage } from '../src/plugin';

createDevApp()
  .registerPlugin(slipwayPlugin)
  .addPage({
    element: <SlipwayPage />,
    title: 'Root Page',
    path: '/slipway',
  })
  .render();
