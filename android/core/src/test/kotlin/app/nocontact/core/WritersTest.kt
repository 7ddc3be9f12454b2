// One writer at a time, through the Kotlin bindings: two Vault objects on one
// file (the app and a second window, or an extension). The second unlock gets
// VaultException.OpenElsewhere, the first keeps working, logging while locked
// works from the second, and after lock() the second can unlock. Run by the
// harness in VaultTest.kt (`cargo xtask kotlin-test writers`).
package app.nocontact.core

private fun everything() = EventQuery(emptyList(), null, null, null, 0u, 500u)

internal fun registerWritersTests() {
    test("writers: a second Vault object cannot unlock while the first holds the file") {
        val first = create().vault
        val saved = first.quickCheckIn(3u, 0)

        val second = Vault.open(path())
        assertThrows<VaultException.OpenElsewhere>("unlock while another object has it open") {
            second.unlock(Secret.Passcode(PASSCODE))
        }
        assertThrows<VaultException.OpenElsewhere>("a wrong passcode is not even tried") {
            second.unlock(Secret.Passcode("wrong passcode"))
        }
        assertEq(second.lockState().failedAttempts, 0u, "failed attempts counted while refused")
        check(!second.isUnlocked()) { "the refused object is unlocked" }
        // The widget's path still works from the second object.
        second.logWhileLocked(QuickEntry.CheckIn(2u), 0)

        // The first keeps working.
        val more = first.quickCheckIn(4u, 3600)
        assertEq(first.listEvents(everything()).events.map { it.id }, listOf(more.id, saved.id), "the first object's events")

        first.lock()
        second.unlock(Secret.Passcode(PASSCODE))
        val events = second.listEvents(everything()).events
        assertEq(events.size, 3, "events seen by the second object")
        assertEq(events.count { it.loggedWhileLocked }, 1, "entries logged while locked")
        check(second.chainReport().intact) { "the chain is not intact" }
        assertThrows<VaultException.OpenElsewhere>("the first object, now that the second has it") {
            first.unlock(Secret.Passcode(PASSCODE))
        }
        second.lock()
        first.unlock(Secret.Passcode(PASSCODE))
        assertEq(first.listEvents(everything()).events.size, 3, "events after the hold came back")
    }

    test("writers: closing the holder releases the file") {
        val first = create().vault
        first.quickCheckIn(3u, 0)
        val second = Vault.open(path())
        assertThrows<VaultException.OpenElsewhere>("unlock while held") { second.unlock(Secret.Passcode(PASSCODE)) }
        first.close()
        second.unlock(Secret.Passcode(PASSCODE))
        assertEq(second.listEvents(everything()).events.size, 1, "events after the holder was closed")
    }
    test("writers: a locked Vault object cannot erase the file from under the one that holds it") {
        val holder = create().vault
        val saved = holder.quickCheckIn(3u, 0)
        val other = Vault.open(path())
        assertThrows<VaultException.OpenElsewhere>("erase while another object holds the file") { other.erase() }
        val after = holder.quickCheckIn(4u, 0)
        assertEq(holder.listEvents(everything()).events.map { it.id }.toSet(), setOf(saved.id, after.id), "entries after the refused erase")
        holder.lock()
        other.erase()
        assertThrows<VaultException.Erased>("lockState after erase") { other.lockState() }
        check(!java.io.File(path()).exists()) { "the vault file is still there" }
    }
}
