package dev.segmentation;

import java.util.Objects;

/**
 * An {@link IllegalArgumentException} about one named setting of a builder, whose message is
 * {@code "<setting> <detail>"}, e.g. {@code "dateFormat must give a date or a date-time, found \"HH:mm\""}: the
 * {@link #setting()} (the builder method's name) and the {@link #detail()} are fields, so that a caller that
 * offers the setting under another name (a command-line option such as {@code --date-format}) restates the error
 * with {@link #renamed(String)} instead of parsing the message.
 *
 * <p>Instances are immutable. Null is never accepted or returned.
 */
public class InvalidSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The setting's name. */
    private final String setting;
    /** The message after the setting's name. */
    private final String detail;

    /**
     * Creates an exception with the message {@code setting + " " + detail}.
     *
     * @param setting the setting's name, as its builder method is named, e.g. {@code "separator"}; not null
     * @param detail what is wrong, as the message continues after the name, e.g.
     *     {@code "must give a date or a date-time, found \"HH:mm\""}; not null
     * @param cause the underlying failure, or null
     */
    public InvalidSettingException(String setting, String detail, Throwable cause) {
        super(Objects.requireNonNull(setting, "setting") + " " + Objects.requireNonNull(detail, "detail"), cause);
        this.setting = setting;
        this.detail = detail;
    }

    /**
     * Returns the name of the setting, as its builder method is named.
     *
     * @return the setting, e.g. {@code "dateFormat"}
     */
    public String setting() {
        return setting;
    }

    /**
     * Returns what is wrong with the setting: the message after the setting's name.
     *
     * @return the detail, e.g. {@code "must give a date or a date-time, found \"HH:mm\""}
     */
    public String detail() {
        return detail;
    }

    /**
     * Restates this error under another name for the setting, with this exception as the cause.
     *
     * @param name the name the new message shows, e.g. {@code "--date-format"}; not null
     * @return a new exception whose message is {@code name + " " + detail()} and whose setting is {@code name}
     */
    public InvalidSettingException renamed(String name) {
        return new InvalidSettingException(name, detail, this);
    }
}
