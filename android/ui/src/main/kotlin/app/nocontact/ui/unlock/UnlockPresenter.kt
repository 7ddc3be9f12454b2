package app.nocontact.ui.unlock

import app.nocontact.client.CoreError
import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.core.Secret
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

enum class UnlockMessage { WRONG, WAIT, ERASED, OPEN_ELSEWHERE, PROBLEM }

data class UnlockState(
    val passcode: String = "",
    val busy: Boolean = false,
    val message: UnlockMessage? = null,
    /** Seconds before the next attempt is taken, counting down (the core's `TryLater`). */
    val waitSeconds: Long = 0,
) {
    val canUnlock: Boolean get() = !busy && waitSeconds == 0L && passcode.isNotEmpty() && message != UnlockMessage.ERASED
}

/**
 * Unlock: one passcode field. A wrong passcode gets a calm message; too many,
 * the core's wait, counting down. The duress passcode goes through exactly the
 * same path (the core opens the cover space), so nothing here can tell them
 * apart [`unlock`, `lock_state`].
 */
class UnlockPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val keys: DeviceKeyStore,
    /** Waits one second; tests may pass a faster clock. */
    private val tick: suspend () -> Unit = { delay(1000) },
    private val onUnlocked: () -> Unit,
) {
    private val mutable = MutableStateFlow(UnlockState())
    val state: StateFlow<UnlockState> = mutable.asStateFlow()
    private var countdown: Job? = null

    /** Reads the lock state (a wait may still run from before). */
    fun start() {
        scope.launch { refreshWait() }
    }

    fun passcodeChanged(value: String) = mutable.update { it.copy(passcode = value) }

    fun unlock() {
        val s = mutable.value
        if (!s.canUnlock) return
        mutable.update { it.copy(busy = true) }
        scope.launch {
            val key = keys.existing()
            val secret = if (key != null) Secret.PasscodeAndDeviceKey(s.passcode, key) else Secret.Passcode(s.passcode)
            when (val result = client.unlock(secret)) {
                is Outcome.Ok -> {
                    mutable.value = UnlockState()
                    onUnlocked()
                }
                is Outcome.Err -> when (val e = result.error) {
                    CoreError.WrongSecret -> {
                        mutable.update { it.copy(busy = false, passcode = "", message = UnlockMessage.WRONG) }
                        refreshWait()
                    }
                    is CoreError.TryLater -> {
                        mutable.update { it.copy(busy = false, passcode = "") }
                        startCountdown(e.seconds)
                    }
                    CoreError.Erased -> mutable.update { it.copy(busy = false, passcode = "", message = UnlockMessage.ERASED) }
                    // Another window holds it unlocked: nothing was counted; the passcode stays for a retry.
                    CoreError.OpenElsewhere -> mutable.update { it.copy(busy = false, message = UnlockMessage.OPEN_ELSEWHERE) }
                    else -> mutable.update { it.copy(busy = false, message = UnlockMessage.PROBLEM) }
                }
            }
        }
    }

    private suspend fun refreshWait() {
        val lock = client.lockState()
        if (lock is Outcome.Ok && lock.value.retryAfterSeconds > 0uL) {
            startCountdown(lock.value.retryAfterSeconds.toLong())
        }
    }

    private fun startCountdown(seconds: Long) {
        countdown?.cancel()
        mutable.update { it.copy(waitSeconds = seconds, message = UnlockMessage.WAIT) }
        countdown = scope.launch {
            while (mutable.value.waitSeconds > 0) {
                tick()
                mutable.update { it.copy(waitSeconds = (it.waitSeconds - 1).coerceAtLeast(0)) }
            }
            mutable.update { it.copy(message = null) }
        }
    }
}
