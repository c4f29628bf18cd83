package broadcast.store.h2.internal;

import broadcast.api.contract.MessageStoreContract;
import broadcast.api.spi.MessageStore;
import broadcast.api.spi.ProviderConfig;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** The h2 store passes the store contract, on a fresh file per test. */
class H2StoreContractTest extends MessageStoreContract {

    @TempDir
    Path dir;

    @Override
    protected MessageStore open(Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("path", dir.resolve("store").toString());
        return new H2StoreProvider().create(ProviderConfig.of("store \"h2\"", all));
    }

    @Override
    protected boolean durable() {
        return true;
    }
}
