package app.nocontact.app

import android.content.ContentProvider
import android.content.ContentValues
import android.content.Context
import android.content.Intent
import android.database.Cursor
import android.database.MatrixCursor
import android.net.Uri
import android.os.ParcelFileDescriptor
import android.provider.OpenableColumns
import java.io.File
import java.io.FileNotFoundException

/**
 * Hands the files of an evidence export (or a backup) to the share sheet:
 * read-only, only files inside [VaultLocation.shared], and only to the app
 * the person picks (a one-time URI grant). The framework's own
 * `ContentProvider`; androidx's `FileProvider` is a Google artifact.
 */
class ExportProvider : ContentProvider() {
    override fun onCreate(): Boolean = true

    private fun fileOf(uri: Uri): File {
        val context = context ?: throw FileNotFoundException()
        val root = VaultLocation.shared(context).canonicalFile
        val relative = uri.path?.removePrefix("/") ?: throw FileNotFoundException()
        val file = File(root, relative).canonicalFile
        // No way out of the shared folder (`..`, links).
        if (!file.path.startsWith(root.path + File.separator) || !file.isFile) throw FileNotFoundException()
        return file
    }

    override fun openFile(uri: Uri, mode: String): ParcelFileDescriptor {
        if (mode != "r") throw FileNotFoundException()
        return ParcelFileDescriptor.open(fileOf(uri), ParcelFileDescriptor.MODE_READ_ONLY)
    }

    override fun query(uri: Uri, projection: Array<out String>?, selection: String?, args: Array<out String>?, sort: String?): Cursor {
        val file = fileOf(uri)
        return MatrixCursor(arrayOf(OpenableColumns.DISPLAY_NAME, OpenableColumns.SIZE)).apply {
            addRow(arrayOf<Any>(file.name, file.length()))
        }
    }

    override fun getType(uri: Uri): String = when (uri.path?.substringAfterLast('.')) {
        "html" -> "text/html"
        "json" -> "application/json"
        "txt", "sha256" -> "text/plain"
        "csv" -> "text/csv"
        else -> "application/octet-stream"
    }

    override fun insert(uri: Uri, values: ContentValues?): Uri? = null

    override fun delete(uri: Uri, selection: String?, args: Array<out String>?): Int = 0

    override fun update(uri: Uri, values: ContentValues?, selection: String?, args: Array<out String>?): Int = 0

    companion object {
        const val AUTHORITY = "app.notebook.exports"

        /**
         * The share sheet for every file under [folder] (which must be inside
         * [VaultLocation.shared]), as one `ACTION_SEND_MULTIPLE`.
         */
        fun shareIntent(context: Context, folder: File, title: String): Intent {
            val root = VaultLocation.shared(context).canonicalFile
            val uris = folder.walkTopDown().filter { it.isFile }.map { file ->
                val relative = file.canonicalFile.relativeTo(root).path
                Uri.Builder().scheme("content").authority(AUTHORITY).path(relative).build()
            }.toCollection(ArrayList())
            val send = Intent(Intent.ACTION_SEND_MULTIPLE)
                .setType("*/*")
                .putParcelableArrayListExtra(Intent.EXTRA_STREAM, uris)
                .addFlags(Intent.FLAG_GRANT_READ_URI_PERMISSION)
            return Intent.createChooser(send, title)
        }
    }
}
