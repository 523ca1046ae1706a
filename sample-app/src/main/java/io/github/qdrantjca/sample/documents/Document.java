package io.github.qdrantjca.sample.documents;

/** A short text document as the REST API receives it: {@code {"id": 1, "text": "..."}}. */
public class Document {

    private long id;
    private String text;

    /** For JSON binding. */
    public Document() {}

    /** A document with the given id and text. */
    public Document(long id, String text) {
        this.id = id;
        this.text = text;
    }

    /** Unsigned point id in Qdrant. */
    public long getId() {
        return id;
    }

    /** Sets the point id. */
    public void setId(long id) {
        this.id = id;
    }

    /** The document text; embedded and stored as payload {@code text}. */
    public String getText() {
        return text;
    }

    /** Sets the text. */
    public void setText(String text) {
        this.text = text;
    }
}
