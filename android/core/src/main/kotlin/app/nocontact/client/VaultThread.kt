package app.nocontact.client

import app.nocontact.core.BootClock
import app.nocontact.core.VaultException
import kotlinx.coroutines.ExecutorCoroutineDispatcher
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.withContext
import java.util.concurrent.Executors

/**
 * The one background thread every vault call runs on: calls are blocking and
 * coarse (an unlock derives a key for a quarter of a second), so they never
 * run on the main thread, and one thread keeps them in the order made.
 */
class VaultThread(
    /**
     * The device's boot clock (Android: `SystemClock.elapsedRealtime()`), given
     * to every vault opened on this thread so that the wait after failed
     * unlocks is timed by it and a date set forward does not end it. Null (the
     * JVM, the tests) times waits by the wall clock.
     */
    val bootClock: BootClock? = null,
) : AutoCloseable {
    private val executor = Executors.newSingleThreadExecutor { runnable ->
        Thread(runnable, "vault").apply { isDaemon = true }
    }

    val dispatcher: ExecutorCoroutineDispatcher = executor.asCoroutineDispatcher()

    /** Runs [block] on the vault thread; a [VaultException] becomes [Outcome.Err]. */
    suspend fun <T> run(block: () -> T): Outcome<T> = withContext(dispatcher) {
        try {
            Outcome.Ok(block())
        } catch (e: VaultException) {
            Outcome.Err(CoreError.from(e))
        }
    }

    override fun close() {
        dispatcher.close()
    }
}
