package broadcast.codec.kryo.testtypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A plain class with private fields, read field by field: its package is opened to Kryo by the tests. */
public final class Account {
    private String owner;
    private long balance;
    private List<String> notes = new ArrayList<>();

    private Account() {
    }

    public Account(String owner, long balance, List<String> notes) {
        this.owner = owner;
        this.balance = balance;
        this.notes = new ArrayList<>(notes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account a && Objects.equals(a.owner, owner) && a.balance == balance && a.notes.equals(notes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(owner, balance, notes);
    }

    @Override
    public String toString() {
        return "Account[" + owner + ", " + balance + ", " + notes + "]";
    }
}
