package app.nocontact.ui.firstrun

import app.nocontact.client.CoreError
import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.Outcome
import app.nocontact.client.VaultClient
import app.nocontact.client.VaultThread
import app.nocontact.core.VaultSetup
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

enum class FirstRunStep { WELCOME, PASSCODE, RECOVERY }

/** Why the passcode step cannot go on (shown calmly, never as an alarm). */
enum class FirstRunProblem { MISMATCH, PASSCODE_REFUSED, STORAGE }

data class FirstRunState(
    val step: FirstRunStep = FirstRunStep.WELCOME,
    val passcode: String = "",
    val confirm: String = "",
    val useBiometrics: Boolean = true,
    val busy: Boolean = false,
    val problem: FirstRunProblem? = null,
    /** The recovery code's groups, shown once. */
    val recoveryGroups: List<String> = emptyList(),
    /** Which group (0-based) the person types back. */
    val askGroup: Int = 0,
    val typedGroup: String = "",
    /** The typed group did not match (shown after "Continue"). */
    val groupMismatch: Boolean = false,
) {
    val canCreate: Boolean get() = !busy && passcode.isNotEmpty() && confirm.isNotEmpty()
}

/**
 * First run: what the app is, the watched-phone warning, the passcode typed
 * twice, then the recovery code shown once with one group typed back. The
 * vault is created with the passcode hardened by the device key
 * (`passcode_needs_device_key`), so that a copy of the file alone cannot be
 * guessed offline; with biometrics on, the device key also gets a slot of its
 * own [`create_vault`, `set_device_key`].
 */
class FirstRunPresenter(
    private val scope: CoroutineScope,
    private val thread: VaultThread,
    private val path: String,
    private val keys: DeviceKeyStore,
    private val zone: java.time.ZoneId,
    /** PBKDF2 iterations; null calibrates on the device (tests pass the floor). */
    private val kdfIterations: UInt? = null,
    /** Picks the group to type back, from the number of groups. */
    private val pickGroup: (Int) -> Int = { (0 until it).random() },
    private val onDone: (VaultClient) -> Unit,
) {
    private val mutable = MutableStateFlow(FirstRunState())
    val state: StateFlow<FirstRunState> = mutable.asStateFlow()
    private var created: VaultClient? = null
    private var recoveryCode: String = ""

    fun start() = mutable.update { it.copy(step = FirstRunStep.PASSCODE) }

    fun passcodeChanged(value: String) = mutable.update { it.copy(passcode = value, problem = null) }

    fun confirmChanged(value: String) = mutable.update { it.copy(confirm = value, problem = null) }

    fun biometricsChanged(on: Boolean) = mutable.update { it.copy(useBiometrics = on) }

    fun create() {
        val s = mutable.value
        if (!s.canCreate) return
        if (s.passcode != s.confirm) {
            mutable.update { it.copy(problem = FirstRunProblem.MISMATCH) }
            return
        }
        mutable.update { it.copy(busy = true, problem = null) }
        scope.launch {
            val key = keys.getOrCreate()
            val setup = VaultSetup(s.passcode, key, true, kdfIterations)
            when (val made = VaultClient.create(thread, path, setup, zone)) {
                is Outcome.Err -> mutable.update { it.copy(busy = false, problem = problemFor(made.error)) }
                is Outcome.Ok -> {
                    val client = made.value.client
                    if (s.useBiometrics) client.call { it.setDeviceKey(key) }
                    created = client
                    recoveryCode = made.value.recoveryCode
                    val groups = recoveryCode.split('-')
                    mutable.update {
                        it.copy(
                            step = FirstRunStep.RECOVERY,
                            busy = false,
                            passcode = "",
                            confirm = "",
                            recoveryGroups = groups,
                            // The group typed back is one of the full groups, never the one-character check at the end.
                            askGroup = pickGroup(groups.count { g -> g.length > 1 }).coerceIn(0, (groups.count { g -> g.length > 1 } - 1).coerceAtLeast(0)),
                        )
                    }
                }
            }
        }
    }

    fun typedGroupChanged(value: String) = mutable.update { it.copy(typedGroup = value, groupMismatch = false) }

    /** Goes on when the typed group is the one asked for (case and spaces aside). */
    fun finish() {
        val s = mutable.value
        val client = created ?: return
        val expected = s.recoveryGroups.getOrNull(s.askGroup) ?: return
        if (!s.typedGroup.trim().equals(expected, ignoreCase = true)) {
            mutable.update { it.copy(groupMismatch = true) }
            return
        }
        created = null
        recoveryCode = ""
        mutable.update { FirstRunState(step = FirstRunStep.RECOVERY) }
        onDone(client)
    }

    private fun problemFor(e: CoreError) = when (e) {
        is CoreError.InvalidInput -> FirstRunProblem.PASSCODE_REFUSED
        else -> FirstRunProblem.STORAGE
    }
}
