package app.nocontact.ui.settings

import app.nocontact.client.CoreError
import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.valueOrNull
import app.nocontact.core.LockPolicy
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

enum class SettingsPage { LIST, PASSCODE, DURESS, LOCK, ERASE, PROTECTED }

enum class SettingsNotice { PASSCODE_CHANGED, DURESS_SET, DURESS_REMOVED, LOCK_SAVED }

enum class SettingsProblem { MISMATCH, REFUSED, NEEDS_ACCEPT, OTHER }

/** The idle timeouts offered, in seconds (0: never). */
val IdleChoices = listOf(60u, 5u * 60u, 15u * 60u, 60u * 60u, 0u)

/** The erase-after counts offered (null: off, the default). */
val EraseChoices = listOf(null, 10u, 20u)

data class SettingsState(
    val page: SettingsPage = SettingsPage.LIST,
    val hasDuress: Boolean = false,
    val policy: LockPolicy? = null,
    val passcode: String = "",
    val confirm: String = "",
    val idleSeconds: UInt = 5u * 60u,
    val eraseAfter: UInt? = null,
    val acceptLoss: Boolean = false,
    val typed: String = "",
    val busy: Boolean = false,
    val notice: SettingsNotice? = null,
    val problem: SettingsProblem? = null,
)

/**
 * Settings: change the passcode; the duress passcode (set, change, remove);
 * the lock policy (idle timeout; erase after N failed unlocks, off by
 * default, with its warning); erase everything with a typed confirmation;
 * what is protected and what is not [`change_passcode`,
 * `set_duress_passcode_with_device_key`, `remove_duress_passcode`,
 * `lock_policy`, `set_lock_policy`, `erase`].
 */
class SettingsPresenter(
    private val scope: CoroutineScope,
    private val client: VaultClient,
    private val keys: DeviceKeyStore,
    private val onErased: () -> Unit = {},
    private val onBack: () -> Unit = {},
) {
    private val mutable = MutableStateFlow(SettingsState())
    val state: StateFlow<SettingsState> = mutable.asStateFlow()

    fun start() {
        scope.launch { refresh() }
    }

    private suspend fun refresh() {
        val duress = client.call { it.hasDuressPasscode() }
        val policy = client.call { it.lockPolicy() }
        mutable.update { s ->
            val p = policy.valueOrNull()
            s.copy(
                hasDuress = duress.valueOrNull() ?: s.hasDuress,
                policy = p ?: s.policy,
                idleSeconds = p?.idleTimeoutSeconds ?: s.idleSeconds,
                eraseAfter = p?.eraseAfterFailures,
            )
        }
    }

    fun open(page: SettingsPage) = mutable.update {
        it.copy(page = page, passcode = "", confirm = "", typed = "", acceptLoss = false, notice = null, problem = null)
    }

    fun list() = mutable.update { it.copy(page = SettingsPage.LIST, passcode = "", confirm = "", typed = "", problem = null) }

    fun passcodeChanged(v: String) = mutable.update { it.copy(passcode = v, problem = null) }

    fun confirmChanged(v: String) = mutable.update { it.copy(confirm = v, problem = null) }

    fun typedChanged(v: String) = mutable.update { it.copy(typed = v) }

    fun idleChosen(seconds: UInt) = mutable.update { it.copy(idleSeconds = seconds) }

    fun eraseAfterChosen(n: UInt?) = mutable.update { it.copy(eraseAfter = n, acceptLoss = false, problem = null) }

    fun acceptLossChanged(v: Boolean) = mutable.update { it.copy(acceptLoss = v, problem = null) }

    /** The new passcode, typed twice; bound to the device key when the app keeps one. */
    fun changePasscode() {
        val s = mutable.value
        if (s.passcode.isEmpty()) return
        if (s.passcode != s.confirm) {
            mutable.update { it.copy(problem = SettingsProblem.MISMATCH, confirm = "") }
            return
        }
        run(SettingsNotice.PASSCODE_CHANGED) { client.call { it.changePasscode(s.passcode, keys.existing()) } }
    }

    /** Sets (or changes) the duress passcode, with the device key when the app keeps one. */
    fun setDuress() {
        val s = mutable.value
        if (s.passcode.isEmpty()) return
        if (s.passcode != s.confirm) {
            mutable.update { it.copy(problem = SettingsProblem.MISMATCH, confirm = "") }
            return
        }
        val key = keys.existing()
        run(SettingsNotice.DURESS_SET) {
            client.call { v -> if (key != null) v.setDuressPasscodeWithDeviceKey(s.passcode, key) else v.setDuressPasscode(s.passcode) }
        }
    }

    fun removeDuress() = run(SettingsNotice.DURESS_REMOVED) { client.call { it.removeDuressPasscode() } }

    fun saveLockPolicy() {
        val s = mutable.value
        if (s.eraseAfter != null && !s.acceptLoss) {
            mutable.update { it.copy(problem = SettingsProblem.NEEDS_ACCEPT) }
            return
        }
        run(SettingsNotice.LOCK_SAVED) { client.call { it.setLockPolicy(LockPolicy(s.eraseAfter, s.idleSeconds), s.acceptLoss) } }
    }

    /** Erases everything once [word] (the screen's, in the person's language) is typed. */
    fun erase(word: String) {
        val s = mutable.value
        if (s.busy || !typedMatches(s.typed, word)) return
        mutable.update { it.copy(busy = true) }
        scope.launch {
            when (client.call { it.erase() }) {
                is Outcome.Ok -> {
                    keys.delete()
                    onErased()
                }
                is Outcome.Err -> mutable.update { it.copy(busy = false, problem = SettingsProblem.OTHER) }
            }
        }
    }

    fun back() = onBack()

    private fun run(done: SettingsNotice, call: suspend () -> Outcome<*>) {
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            when (val r = call()) {
                is Outcome.Ok -> {
                    refresh()
                    mutable.update { it.copy(busy = false, page = SettingsPage.LIST, passcode = "", confirm = "", acceptLoss = false, notice = done) }
                }
                is Outcome.Err -> mutable.update {
                    it.copy(busy = false, confirm = "", problem = if (r.error is CoreError.InvalidInput) SettingsProblem.REFUSED else SettingsProblem.OTHER)
                }
            }
        }
    }
}

/** Whether the typed confirmation is [word] (case and surrounding spaces aside). */
fun typedMatches(typed: String, word: String): Boolean = word.isNotEmpty() && typed.trim().equals(word, ignoreCase = true)
