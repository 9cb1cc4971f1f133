/**
 * The demo portfolio's settings, as an RTE would set them up for flow metrics: the demo statuses
 * mapped by id onto the SAFe states, and "On Hold" marked waiting, so that once an admin maps it
 * (into Implementing) a paused epic's time counts against its flow efficiency. "On Hold" itself is
 * left unmapped: the admin page's configuration check shows a new user how an unmapped status is
 * found and fixed. Written only when no settings exist.
 */
import { SETTINGS_SCHEMA_VERSION } from '../../src/contract/settings';
import { mappingByName } from '../../src/domain/states';
import { readDocument, writeDocument } from '../../src/services/documents';
import { defaultSettings, SETTINGS_KEY, settingsKind } from '../../src/services/settings';
import { DEMO_STATUSES, STATUS_IDS } from '../demo-jira/model';
import type { DemoSeedContext } from './index';

export async function seedFlowSettings({ store }: DemoSeedContext): Promise<void> {
  if ((await readDocument(store, settingsKind, SETTINGS_KEY)) !== null) return;
  const settings = defaultSettings();
  const mapping = mappingByName(settings.states, DEMO_STATUSES);
  await writeDocument(
    store,
    settingsKind,
    SETTINGS_KEY,
    { ...settings, mapping, statusActivity: { [STATUS_IDS.onHold]: 'waiting' }, schemaVersion: SETTINGS_SCHEMA_VERSION },
    null,
    'the settings',
  );
}
