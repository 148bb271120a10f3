"""Feature definitions shared by the interop scripts, written against Python Metaxy's public API.

Each case builds a fresh FeatureGraph so cases never leak into each other. The Java tests read the
specs these graphs dump, so both sides always compute from the same definitions.
"""

import metaxy as mx
from metaxy.models.fields_mapping import FieldsMapping
from metaxy.models.lineage import LineageRelationship

PROJECT = "interop"


def _feature(name, spec, columns):
    """Declares a feature class with the given user columns (all strings or ints)."""
    namespace = {"__annotations__": dict(columns), "__metaxy_project__": PROJECT, "__module__": __name__}
    return type(name, (mx.BaseFeature,), namespace, spec=spec)


def video(audio_code_version="1"):
    """The video pipeline: video -> crop -> face_detection, video -> stt, both -> summary."""
    graph = mx.FeatureGraph()
    with graph.use():
        _feature(
            "Video",
            mx.FeatureSpec(
                key="example/video",
                id_columns=["video_id"],
                fields=[
                    mx.FieldSpec(key="audio", code_version=audio_code_version),
                    mx.FieldSpec(key="frames", code_version="1"),
                ],
            ),
            {"video_id": str},
        )
        _feature(
            "Crop",
            mx.FeatureSpec(
                key="example/crop",
                id_columns=["video_id"],
                deps=[mx.FeatureDep(feature="example/video")],
                fields=[mx.FieldSpec(key="audio", code_version="1"), mx.FieldSpec(key="frames", code_version="1")],
            ),
            {"video_id": str},
        )
        _feature(
            "FaceDetection",
            mx.FeatureSpec(
                key="example/face_detection",
                id_columns=["video_id"],
                deps=[mx.FeatureDep(feature="example/crop")],
                fields=[
                    mx.FieldSpec(
                        key="faces",
                        code_version="1",
                        deps=[mx.FieldDep(feature="example/crop", fields=["frames"])],
                    )
                ],
            ),
            {"video_id": str},
        )
        _feature(
            "SpeechToText",
            mx.FeatureSpec(
                key="example/stt",
                id_columns=["video_id"],
                deps=[mx.FeatureDep(feature="example/video")],
                fields=[
                    mx.FieldSpec(
                        key="transcription",
                        code_version="1",
                        deps=[mx.FieldDep(feature="example/video", fields=["audio"])],
                    )
                ],
            ),
            {"video_id": str},
        )
        _feature(
            "Summary",
            mx.FeatureSpec(
                key="example/summary",
                id_columns=["video_id"],
                deps=[mx.FeatureDep(feature="example/stt"), mx.FeatureDep(feature="example/face_detection")],
                fields=[mx.FieldSpec(key="default", code_version="3")],
            ),
            {"video_id": str},
        )
    return graph


def lineage(code_version="1"):
    """Identity, aggregation, expansion, a rename and a filter, each on its own small chain."""
    graph = mx.FeatureGraph()
    with graph.use():
        _feature(
            "Readings",
            mx.FeatureSpec(
                key="lin/readings",
                id_columns=["sensor_id", "reading_id"],
                fields=[mx.FieldSpec(key="value", code_version="1")],
            ),
            {"sensor_id": str, "reading_id": str, "score": int},
        )
        _feature(
            "Cleaned",
            mx.FeatureSpec(
                key="lin/cleaned",
                id_columns=["sensor_id", "reading_id"],
                deps=[mx.FeatureDep(feature="lin/readings", lineage=LineageRelationship.identity())],
                fields=[mx.FieldSpec(key="value", code_version=code_version)],
            ),
            {"sensor_id": str, "reading_id": str},
        )
        _feature(
            "Daily",
            mx.FeatureSpec(
                key="lin/daily",
                id_columns=["sensor_id"],
                deps=[
                    mx.FeatureDep(
                        feature="lin/readings",
                        lineage=LineageRelationship.aggregation(on=["sensor_id"]),
                    )
                ],
                fields=[mx.FieldSpec(key="mean", code_version="1")],
            ),
            {"sensor_id": str},
        )
        _feature(
            "Clips",
            mx.FeatureSpec(key="lin/clips", id_columns=["clip_id"], fields=[mx.FieldSpec(key="frames", code_version="1")]),
            {"clip_id": str},
        )
        _feature(
            "Frames",
            mx.FeatureSpec(
                key="lin/frames",
                id_columns=["clip_id", "frame_id"],
                deps=[mx.FeatureDep(feature="lin/clips", lineage=LineageRelationship.expansion(on=["clip_id"]))],
                fields=[mx.FieldSpec(key="frames", code_version="1")],
            ),
            {"clip_id": str, "frame_id": str},
        )
        _feature(
            "Scored",
            mx.FeatureSpec(
                key="lin/scored",
                id_columns=["sensor_id", "reading_id"],
                deps=[
                    mx.FeatureDep(
                        feature="lin/readings",
                        rename={"score": "raw_score"},
                        filters=["raw_score >= 5"],
                    )
                ],
                fields=[mx.FieldSpec(key="value", code_version="1")],
            ),
            {"sensor_id": str, "reading_id": str},
        )
    return graph


def mappings():
    """Spec-only shapes: default mapping options, specific/all/none mappings, aggregation without on."""
    graph = mx.FeatureGraph()
    with graph.use():
        _feature(
            "Audio",
            mx.FeatureSpec(
                key="map/audio",
                id_columns=["clip_id"],
                fields=["audio/french", "audio/english", "noise", mx.FieldSpec(key="meta", code_version="7")],
                metadata={"owner": "speech", "weight": 0.25, "big": 1e20, "tags": ["a", "é"]},
                description="Audio tracks",
            ),
            {"clip_id": str},
        )
        _feature(
            "Stats",
            mx.FeatureSpec(key="map/stats", id_columns=["clip_id", "day"], fields=["count"]),
            {"clip_id": str, "day": str},
        )
        _feature(
            "Dubbed",
            mx.FeatureSpec(
                key="map/dubbed",
                id_columns=["clip_id"],
                deps=[
                    mx.FeatureDep(
                        feature="map/audio",
                        fields_mapping=FieldsMapping.default(match_suffix=True, exclude_fields=["noise"]),
                        select=("clip_id",),
                        rename={},
                        filters=[],
                    ),
                    mx.FeatureDep(feature="map/stats", lineage=LineageRelationship.aggregation(), optional=True),
                ],
                fields=["french", "english", "other"],
            ),
            {"clip_id": str},
        )
        _feature(
            "Mixed",
            mx.FeatureSpec(
                key="map/mixed",
                id_columns=["clip_id"],
                deps=[
                    mx.FeatureDep(
                        feature="map/audio",
                        fields_mapping=FieldsMapping.specific({"mix": {"audio/french", "meta"}}),
                    ),
                    mx.FeatureDep(feature="map/dubbed", fields_mapping=FieldsMapping.all()),
                    mx.FeatureDep(
                        feature="map/stats",
                        fields_mapping=FieldsMapping.none(),
                        lineage=LineageRelationship.aggregation(on=["clip_id"]),
                    ),
                ],
                fields=[
                    "mix",
                    mx.FieldSpec(key="everything", deps=mx.SpecialFieldDep.ALL),
                    mx.FieldSpec(key="counted", deps=[mx.FieldDep(feature="map/stats")]),
                ],
            ),
            {"clip_id": str},
        )
    return graph


CASES = {"video": video, "lineage": lineage, "mappings": mappings}
