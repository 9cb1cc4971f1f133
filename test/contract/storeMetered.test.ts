import { createMemoryStore } from '../../src/adapters/local/memoryStore';
import { createMeteredStore } from '../../src/adapters/local/meteredStore';
import { describeStoreConformance } from './storeConformance';

// The meter only counts: whatever it wraps must still behave exactly as the port says.
describeStoreConformance('metered memory', () => createMeteredStore(createMemoryStore()).store);
