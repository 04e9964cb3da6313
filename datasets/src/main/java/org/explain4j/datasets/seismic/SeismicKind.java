package org.explain4j.datasets.seismic;

/** The four LANDMASS classes, in LANDMASS's order, and the folder name of each. */
public enum SeismicKind {
    HORIZON("horizon"), CHAOTIC("chaotic"), FAULT("fault"), SALT_DOME("salt_dome");

    private final String folder;

    SeismicKind(String folder) {
        this.folder = folder;
    }

    public String folder() {
        return folder;
    }
}
