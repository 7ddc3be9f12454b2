package app.nocontact.client

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
class VaultThread : AutoCloseable {
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
