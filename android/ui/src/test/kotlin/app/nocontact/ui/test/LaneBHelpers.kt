// Helpers of the people, log-filter, full-entry, backup and reminders flow
// tests: a prepared vault without a person (LaneAHarness.kt's has Sam).
package app.nocontact.ui.test

import app.nocontact.client.FLOOR
import app.nocontact.client.PASSCODE
import app.nocontact.client.UTC
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.client.ok
import app.nocontact.core.VaultSetup
import kotlinx.coroutines.runBlocking

/** Makes the vault of [a] with its device key; [more] runs unlocked (people, entries); then locks it. */
fun prepareLockedVault(a: AppUnderTest, more: suspend (VaultClient) -> Unit = {}) = runBlocking {
    VaultThread().use { thread ->
        val key = a.keys.getOrCreate()
        val made = VaultClient.create(thread, a.path, VaultSetup(PASSCODE, key, true, FLOOR), UTC).ok("create")
        made.client.use { c -> more(c) }
    }
}

// What the vault holds (inspectVault), reaching home (toHome) and tapping a tagged node (tapTag)
// are LaneAHarness.kt's.
