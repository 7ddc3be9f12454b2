package app.nocontact.client

import java.security.SecureRandom

/**
 * Where the app keeps the 32-byte device key that hardens the passcode
 * (`passcode_needs_device_key`) and opens the vault after a biometric check.
 * The Android app implements it with the Keystore (android/app); tests and the
 * desktop launcher use [InMemoryDeviceKeyStore].
 */
interface DeviceKeyStore {
    /** The key, creating it on first use. */
    fun getOrCreate(): ByteArray

    /** The key if one exists, else null. */
    fun existing(): ByteArray?

    /** Forgets the key (the vault then needs the passcode alone, or the recovery code). */
    fun delete()
}

/** A key held in memory only: for tests and the desktop demo. */
class InMemoryDeviceKeyStore(private val random: SecureRandom = SecureRandom()) : DeviceKeyStore {
    private var key: ByteArray? = null

    @Synchronized
    override fun getOrCreate(): ByteArray = key?.copyOf() ?: ByteArray(KEY_BYTES).also {
        random.nextBytes(it)
        key = it.copyOf()
    }

    @Synchronized
    override fun existing(): ByteArray? = key?.copyOf()

    @Synchronized
    override fun delete() {
        key?.fill(0)
        key = null
    }

    companion object {
        const val KEY_BYTES = 32
    }
}
