// The vault thread's boot clock reaches every vault opened on it: the wait
// after failed unlocks follows that clock, not the date.
package app.nocontact.client

import app.nocontact.core.BootClock
import app.nocontact.core.Secret
import kotlinx.coroutines.runBlocking
import java.util.concurrent.atomic.AtomicLong

fun registerBootClockTests() {
    Suite.test("client: the vault thread's boot clock times the wait of a vault opened on it") {
        val boot = AtomicLong(3_600_000L)
        val clock = object : BootClock {
            override fun millisSinceBoot(): ULong = boot.get().toULong()
        }
        VaultThread(clock).use { thread ->
            newClient(thread).client.close()
            val opened = runBlocking { VaultClient.open(thread, path(), UTC).ok("open") }
            opened.use { c ->
                runBlocking {
                    repeat(5) { n -> assertEq(c.unlock(Secret.Passcode("wrong $n")).err("failure $n"), CoreError.WrongSecret, "failure $n") }
                    assertEq(c.lockState().ok("lockState").retryAfterSeconds, 30uL, "the wait after five failures")
                    boot.addAndGet(25_000L)
                    assertEq(c.lockState().ok("lockState").retryAfterSeconds, 5uL, "25 s later on the boot clock")
                    boot.addAndGet(5_000L)
                    c.unlock(Secret.Passcode(PASSCODE)).ok("unlock once the boot clock says the wait is over")
                }
            }
        }
    }
}
