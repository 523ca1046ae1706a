package io.github.qdrantjca.sample.documents;

/** One search result: the document and its cosine similarity to the query. */
public class SearchHit {

    private long id;
    private float score;
    private String text;

    /** For JSON binding. */
    public SearchHit() {}

    /** A hit. */
    public SearchHit(long id, float score, String text) {
        this.id = id;
        this.score = score;
        this.text = text;
    }

    /** The document id. */
    public long getId() {
        return id;
    }

    /** Sets the id. */
    public void setId(long id) {
        this.id = id;
    }

    /** Cosine similarity, -1..1, higher is closer. */
    public float getScore() {
        return score;
    }

    /** Sets the score. */
    public void setScore(float score) {
        this.score = score;
    }

    /** The document text. */
    public String getText() {
        return text;
    }

    /** Sets the text. */
    public void setText(String text) {
        this.text = text;
    }
}
