package app.nocontact.app

import android.content.Context
import android.content.pm.PackageManager
import android.security.keystore.KeyGenParameterSpec
import android.security.keystore.KeyProperties
import android.security.keystore.StrongBoxUnavailableException
import app.nocontact.client.DeviceKeyStore
import app.nocontact.client.InMemoryDeviceKeyStore
import java.io.File
import java.security.KeyStore
import java.security.SecureRandom
import javax.crypto.Cipher
import javax.crypto.KeyGenerator
import javax.crypto.SecretKey
import javax.crypto.spec.GCMParameterSpec

/**
 * The device key that hardens the passcode, kept with the Android Keystore:
 * 32 random bytes, wrapped with AES-256-GCM under a key that never leaves the
 * Keystore (in StrongBox where the phone has one), usable only while the
 * phone is unlocked. The wrapped bytes live in `noBackupFilesDir`, so a copy
 * of the app's files, or a backup, holds nothing that opens the vault: the
 * wrapping key stays in this phone's secure hardware.
 */
class KeystoreDeviceKeyStore(context: Context) : DeviceKeyStore {
    private val file = File(File(context.noBackupFilesDir, "notebook"), "dk")
    private val strongBox = context.packageManager.hasSystemFeature(PackageManager.FEATURE_STRONGBOX_KEYSTORE)

    @Synchronized
    override fun getOrCreate(): ByteArray = existing() ?: ByteArray(InMemoryDeviceKeyStore.KEY_BYTES).also { key ->
        SecureRandom().nextBytes(key)
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.ENCRYPT_MODE, wrappingKey() ?: newWrappingKey())
        val sealed = cipher.doFinal(key)
        file.parentFile?.mkdirs()
        val part = File(file.path + ".part")
        part.writeBytes(byteArrayOf(cipher.iv.size.toByte()) + cipher.iv + sealed)
        if (!part.renameTo(file)) {
            part.delete()
            key.fill(0)
            throw IllegalStateException("the device key could not be stored")
        }
    }

    @Synchronized
    override fun existing(): ByteArray? {
        if (!file.isFile) return null
        val key = wrappingKey() ?: return null
        val bytes = file.readBytes()
        val ivLen = bytes.firstOrNull()?.toInt() ?: return null
        if (ivLen <= 0 || bytes.size <= 1 + ivLen) return null
        val cipher = Cipher.getInstance(TRANSFORMATION)
        cipher.init(Cipher.DECRYPT_MODE, key, GCMParameterSpec(TAG_BITS, bytes, 1, ivLen))
        return cipher.doFinal(bytes, 1 + ivLen, bytes.size - 1 - ivLen)
    }

    @Synchronized
    override fun delete() {
        file.delete()
        keyStore().deleteEntry(ALIAS)
    }

    private fun keyStore(): KeyStore = KeyStore.getInstance(PROVIDER).apply { load(null) }

    private fun wrappingKey(): SecretKey? = keyStore().getKey(ALIAS, null) as SecretKey?

    private fun newWrappingKey(): SecretKey {
        fun spec(strong: Boolean) = KeyGenParameterSpec.Builder(ALIAS, KeyProperties.PURPOSE_ENCRYPT or KeyProperties.PURPOSE_DECRYPT)
            .setBlockModes(KeyProperties.BLOCK_MODE_GCM)
            .setEncryptionPaddings(KeyProperties.ENCRYPTION_PADDING_NONE)
            .setKeySize(256)
            .setUnlockedDeviceRequired(true)
            .setIsStrongBoxBacked(strong)
            .build()
        val generator = KeyGenerator.getInstance(KeyProperties.KEY_ALGORITHM_AES, PROVIDER)
        return try {
            generator.init(spec(strongBox))
            generator.generateKey()
        } catch (e: StrongBoxUnavailableException) {
            generator.init(spec(false))
            generator.generateKey()
        }
    }

    private companion object {
        const val PROVIDER = "AndroidKeyStore"
        const val ALIAS = "notebook.device"
        const val TRANSFORMATION = "AES/GCM/NoPadding"
        const val TAG_BITS = 128
    }
}
