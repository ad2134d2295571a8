import { EntitySwitch, isKind } from '@backstage/plugin-catalog';
import { apiPage, defaultEntityPage } from './apiPage';
import { componentPage } from './componentPage';
import { groupPage, userPage } from './orgPages';
import { domainPage, systemPage } from './systemPage';

/** Picks the page layout by entity kind; each kind's layout lives in its own file. */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('api')} children={apiPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
