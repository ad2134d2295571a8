import { Page } from '@playwright/test';

/*
 * Where things are in the portal's layout (Backstage's new frontend system): the app's own page header is the only
 * level-1 heading, so an entity's name is a level-2 heading; an entity page's tabs are links in its content
 * navigation; the sidebar is a navigation of its own, so that "Platform" the page and "Platform" the tab differ.
 */

/** The name of the entity whose page is open. */
export const entityTitle = (page: Page, name: string) =>
  page.getByRole('heading', { name, level: 2 });

/** A tab of the open entity page. */
export const entityTab = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });

/** An item of the sidebar. */
export const sidebarItem = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true });
