package dev.fleche.core.lock.disk;

import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.fleche.core.lock.LockException;
import dev.fleche.core.text.SafeText;

/**
 * Reads and writes a key's state in the mapped start of its lock file.
 * <p>
 * Layout: a header page (magic, format version, active slot, the key) and two state slots. A
 * write goes to the inactive slot and then flips the active slot, so a process killed in the
 * middle of a write leaves the previous state intact.
 */
final class StateCodec {

	static final int MAGIC = 0x464C434B;

	/** The magic of a reclaimed file: whoever locks it after that opens the key's file again. */
	static final int TOMBSTONE = 0x44454144;

	static final int VERSION = 1;

	static final int HEADER_SIZE = 4096;

	static final int SLOT_SIZE = 256 * 1024;

	/** The bytes mapped at the start of every lock file. */
	static final int MAPPED_SIZE = HEADER_SIZE + 2 * SLOT_SIZE;

	private static final int MAX_KEY_BYTES = HEADER_SIZE - 16;

	private static final int MAX_NAME_BYTES = Short.MAX_VALUE;

	private final String key;

	private final Path file;

	private final ByteBuffer buffer;

	private final LongSupplier ticketFloor;

	/**
	 * @param ticketFloor the first ticket of a new file less one: at least every ticket of the
	 * key's reclaimed files, so fencing tokens never go backwards
	 */
	StateCodec(String key, Path file, ByteBuffer buffer, LongSupplier ticketFloor) {
		this.key = key;
		this.file = file;
		this.buffer = buffer;
		this.ticketFloor = ticketFloor;
	}

	/** Whether the file was reclaimed (unlinked) by some process after this one opened it. */
	boolean isTombstoned() {
		return this.buffer.getInt(0) == TOMBSTONE;
	}

	/** Marks the file reclaimed; under the state lock, just before it is unlinked. */
	void tombstone() {
		this.buffer.putInt(0, TOMBSTONE);
	}

	/** Checks that {@code key} fits in a header. */
	static void checkKey(String key) {
		if (key.getBytes(StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
			throw new LockException(key,
					"A disk lock key may have at most " + MAX_KEY_BYTES + " UTF-8 bytes, got key " + SafeText.quote(key));
		}
	}

	/** Reads the state, writing a fresh header first if the file is new. */
	QueueState read() {
		int magic = this.buffer.getInt(0);
		if (magic == 0) {
			initialize();
		}
		else if (magic != MAGIC || this.buffer.getInt(4) != VERSION) {
			throw corrupt("Not a Fleche lock file, or of an unknown format version", null);
		}
		checkOwnKey();
		int slot = this.buffer.getInt(8);
		if (slot != 0 && slot != 1) {
			throw corrupt("Invalid active slot " + slot, null);
		}
		try {
			return readSlot(slotOffset(slot));
		}
		catch (BufferUnderflowException | IllegalArgumentException ex) {
			throw corrupt("Truncated or corrupt lock state", ex);
		}
	}

	/** Writes {@code state} to the inactive slot and makes it the active one. */
	void write(QueueState state) {
		int slot = 1 - this.buffer.getInt(8);
		try {
			writeSlot(slotOffset(slot), state);
		}
		catch (BufferOverflowException ex) {
			throw new DiskLockException(this.key, this.file,
					"The queue of " + state.entries.size() + " requests does not fit in " + SLOT_SIZE + " bytes", ex);
		}
		this.buffer.putInt(8, slot);
		state.dirty = false;
	}

	private void initialize() {
		byte[] keyBytes = this.key.getBytes(StandardCharsets.UTF_8);
		long floor = this.ticketFloor.getAsLong();
		writeSlot(slotOffset(0), new QueueState(floor, floor, 0, 0, List.of()));
		this.buffer.putInt(12, keyBytes.length);
		this.buffer.put(16, keyBytes);
		this.buffer.putInt(8, 0);
		this.buffer.putInt(4, VERSION);
		this.buffer.putInt(0, MAGIC);
	}

	private void checkOwnKey() {
		int length = this.buffer.getInt(12);
		if (length < 0 || length > MAX_KEY_BYTES) {
			throw corrupt("Invalid key length " + length, null);
		}
		byte[] bytes = new byte[length];
		this.buffer.get(16, bytes);
		String stored = new String(bytes, StandardCharsets.UTF_8);
		if (!stored.equals(this.key)) {
			throw new DiskLockException(this.key, this.file, "The lock file belongs to key " + SafeText.quote(stored));
		}
	}

	private QueueState readSlot(int offset) {
		ByteBuffer in = this.buffer.duplicate().position(offset).limit(offset + SLOT_SIZE);
		long lastTicket = in.getLong();
		long lastToken = in.getLong();
		double sum = in.getDouble();
		long count = in.getLong();
		int size = in.getInt();
		if (size < 0 || size > SLOT_SIZE / 48) {
			throw new IllegalArgumentException("Invalid queue length " + size);
		}
		List<QueueEntry> entries = new ArrayList<>(size);
		for (int i = 0; i < size; i++) {
			long ticket = in.getLong();
			long pid = in.getLong();
			long session = in.getLong();
			long thread = in.getLong();
			long grantedAt = in.getLong();
			long expires = in.getLong();
			String mode = readString(in);
			int tagCount = in.getShort();
			Set<String> tags = (tagCount == 0) ? Set.of() : new HashSet<>(tagCount);
			for (int t = 0; t < tagCount; t++) {
				tags.add(readString(in));
			}
			entries.add(new QueueEntry(ticket, pid, session, thread, mode, grantedAt, expires, tags));
		}
		return new QueueState(lastTicket, lastToken, sum, count, entries);
	}

	private void writeSlot(int offset, QueueState state) {
		ByteBuffer out = this.buffer.duplicate().position(offset).limit(offset + SLOT_SIZE);
		out.putLong(state.lastTicket).putLong(state.lastToken).putDouble(state.averageSum).putLong(state.averageCount);
		out.putInt(state.entries.size());
		for (QueueEntry entry : state.entries) {
			out.putLong(entry.ticket()).putLong(entry.pid()).putLong(entry.session()).putLong(entry.threadId());
			out.putLong(entry.grantedAtMillis()).putLong(entry.leaseExpiresMillis());
			writeString(out, entry.mode());
			out.putShort((short) entry.tags().size());
			for (String tag : entry.tags()) {
				writeString(out, tag);
			}
		}
	}

	private static String readString(ByteBuffer in) {
		int length = in.getShort();
		if (length < 0) {
			throw new IllegalArgumentException("Invalid string length " + length);
		}
		byte[] bytes = new byte[length];
		in.get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	private void writeString(ByteBuffer out, String value) {
		byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
		if (bytes.length > MAX_NAME_BYTES) {
			throw new DiskLockException(this.key, this.file, "The name " + SafeText.quote(value) + " is too long to store");
		}
		out.putShort((short) bytes.length).put(bytes);
	}

	private static int slotOffset(int slot) {
		return HEADER_SIZE + slot * SLOT_SIZE;
	}

	private DiskLockException corrupt(String message, Throwable cause) {
		return (cause != null) ? new DiskLockException(this.key, this.file, message, cause)
				: new DiskLockException(this.key, this.file, message);
	}

}
