package io.github.qdrantjca.emulator.internal;

import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.Collections.PayloadIndexParams;
import io.qdrant.client.grpc.Collections.PayloadSchemaType;
import io.qdrant.client.grpc.Common.PointId;
import io.qdrant.client.grpc.Points.BatchResult;
import io.qdrant.client.grpc.Points.ClearPayloadPoints;
import io.qdrant.client.grpc.Points.CountPoints;
import io.qdrant.client.grpc.Points.CountResponse;
import io.qdrant.client.grpc.Points.CountResult;
import io.qdrant.client.grpc.Points.CreateFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeleteFieldIndexCollection;
import io.qdrant.client.grpc.Points.DeletePayloadPoints;
import io.qdrant.client.grpc.Points.DeletePointVectors;
import io.qdrant.client.grpc.Points.DeletePoints;
import io.qdrant.client.grpc.Points.FieldType;
import io.qdrant.client.grpc.Points.GetPoints;
import io.qdrant.client.grpc.Points.GetResponse;
import io.qdrant.client.grpc.Points.PointsOperationResponse;
import io.qdrant.client.grpc.Points.PointsSelector;
import io.qdrant.client.grpc.Points.PointsUpdateOperation;
import io.qdrant.client.grpc.Points.QueryBatchPoints;
import io.qdrant.client.grpc.Points.QueryBatchResponse;
import io.qdrant.client.grpc.Points.QueryPoints;
import io.qdrant.client.grpc.Points.QueryResponse;
import io.qdrant.client.grpc.Points.RecommendBatchPoints;
import io.qdrant.client.grpc.Points.RecommendBatchResponse;
import io.qdrant.client.grpc.Points.RecommendPoints;
import io.qdrant.client.grpc.Points.RecommendResponse;
import io.qdrant.client.grpc.Points.RetrievedPoint;
import io.qdrant.client.grpc.Points.ScrollPoints;
import io.qdrant.client.grpc.Points.ScrollResponse;
import io.qdrant.client.grpc.Points.SearchBatchPoints;
import io.qdrant.client.grpc.Points.SearchBatchResponse;
import io.qdrant.client.grpc.Points.SearchPoints;
import io.qdrant.client.grpc.Points.SearchResponse;
import io.qdrant.client.grpc.Points.SetPayloadPoints;
import io.qdrant.client.grpc.Points.UpdateBatchPoints;
import io.qdrant.client.grpc.Points.UpdateBatchResponse;
import io.qdrant.client.grpc.Points.UpdatePointVectors;
import io.qdrant.client.grpc.Points.UpdateResult;
import io.qdrant.client.grpc.Points.UpsertPoints;
import io.qdrant.client.grpc.Points.WithPayloadSelector;
import io.qdrant.client.grpc.PointsGrpc;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** {@code qdrant.Points}: writes, reads, search, recommend, query, scroll, count and payload indexes. */
public final class PointsService extends PointsGrpc.PointsImplBase {

    private static final int DEFAULT_SCROLL_LIMIT = 10;

    private final Storage storage;
    private final QueryEngine queries;
    private final UniversalQuery universal;

    /** Serves the points of the collections in {@code storage}. */
    public PointsService(Storage storage) {
        this.storage = storage;
        this.queries = new QueryEngine(storage);
        this.universal = new UniversalQuery(storage);
    }

    private CollectionData collection(String name) {
        new Validation().name("collection_name", name).check();
        return storage.collection(name);
    }

    private static void update(StreamObserver<PointsOperationResponse> observer, Supplier<UpdateResult> body) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> PointsOperationResponse.newBuilder().setResult(body.get())
                .setTime(Unary.since(start)).build());
    }

    // ---------------------------------------------------------------- writes

    @Override
    public void upsert(UpsertPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.upsert(request.getPointsList(), request.getWait(),
                    request.hasUpdateFilter() ? request.getUpdateFilter() : null, request.getUpdateMode(),
                    ShardRouting.forWrite(c, request.hasShardKeySelector() ? request.getShardKeySelector() : null));
        });
    }

    @Override
    public void delete(DeletePoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.delete(ShardRouting.forWrite(c, request.hasShardKeySelector() ? request.getShardKeySelector()
                    : null, request.getPoints()), request.getWait());
        });
    }

    @Override
    public void updateVectors(UpdatePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.updateVectors(request.getPointsList(), request.getWait(),
                    request.hasUpdateFilter() ? request.getUpdateFilter() : null,
                    ShardRouting.forWrite(c, request.hasShardKeySelector() ? request.getShardKeySelector() : null));
        });
    }

    @Override
    public void deleteVectors(DeletePointVectors request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.deleteVectors(ShardRouting.forWrite(c, request.hasShardKeySelector()
                    ? request.getShardKeySelector() : null, request.getPointsSelector()),
                    request.getVectors().getNamesList(), request.getWait());
        });
    }

    @Override
    public void setPayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.setPayload(selector(c, request), request.getPayloadMap(), request.hasKey() ? request.getKey()
                    : null, false, request.getWait());
        });
    }

    @Override
    public void overwritePayload(SetPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.setPayload(selector(c, request), request.getPayloadMap(), request.hasKey() ? request.getKey()
                    : null, true, request.getWait());
        });
    }

    private static PointsSelector selector(CollectionData c, SetPayloadPoints request) {
        if (!request.hasPointsSelector()) {
            throw QdrantErrors.validation("points_selector: must be set");
        }
        return ShardRouting.forWrite(c, request.hasShardKeySelector() ? request.getShardKeySelector() : null,
                request.getPointsSelector());
    }

    @Override
    public void deletePayload(DeletePayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            if (!request.hasPointsSelector()) {
                throw QdrantErrors.validation("points_selector: must be set");
            }
            CollectionData c = collection(request.getCollectionName());
            return c.deletePayload(ShardRouting.forWrite(c, request.hasShardKeySelector()
                    ? request.getShardKeySelector() : null, request.getPointsSelector()), request.getKeysList(),
                    request.getWait());
        });
    }

    @Override
    public void clearPayload(ClearPayloadPoints request, StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            return c.clearPayload(ShardRouting.forWrite(c, request.hasShardKeySelector()
                    ? request.getShardKeySelector() : null, request.getPoints()), request.getWait());
        });
    }

    @Override
    public void createFieldIndex(CreateFieldIndexCollection request,
            StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            PayloadSchemaType type = schemaType(request);
            PayloadIndexParams params = request.hasFieldIndexParams() ? request.getFieldIndexParams() : null;
            return c.createIndex(request.getFieldName(), type, params, request.getWait());
        });
    }

    private static PayloadSchemaType schemaType(CreateFieldIndexCollection request) {
        if (request.hasFieldType()) {
            FieldType type = request.getFieldType();
            if (type == FieldType.UNRECOGNIZED) {
                throw QdrantErrors.validation("field_type: unknown field type");
            }
            return PayloadSchemaType.forNumber(type.getNumber() + 1);
        }
        if (!request.hasFieldIndexParams()) {
            throw QdrantErrors.badRequest("Can't auto-detect field type, please specify `field_type` in the request");
        }
        switch (request.getFieldIndexParams().getIndexParamsCase()) {
            case KEYWORD_INDEX_PARAMS:
                return PayloadSchemaType.Keyword;
            case INTEGER_INDEX_PARAMS:
                return PayloadSchemaType.Integer;
            case FLOAT_INDEX_PARAMS:
                return PayloadSchemaType.Float;
            case GEO_INDEX_PARAMS:
                return PayloadSchemaType.Geo;
            case TEXT_INDEX_PARAMS:
                return PayloadSchemaType.Text;
            case BOOL_INDEX_PARAMS:
                return PayloadSchemaType.Bool;
            case DATETIME_INDEX_PARAMS:
                return PayloadSchemaType.Datetime;
            case UUID_INDEX_PARAMS:
                return PayloadSchemaType.Uuid;
            default:
                throw QdrantErrors.badRequest("Can't auto-detect field type, please specify `field_type` in the request");
        }
    }

    @Override
    public void deleteFieldIndex(DeleteFieldIndexCollection request,
            StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> collection(request.getCollectionName()).deleteIndex(request.getFieldName(),
                request.getWait()));
    }

    @Override
    public void updateBatch(UpdateBatchPoints request, StreamObserver<UpdateBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            boolean wait = request.getWait();
            UpdateBatchResponse.Builder reply = UpdateBatchResponse.newBuilder();
            for (PointsUpdateOperation op : request.getOperationsList()) {
                reply.addResult(apply(c, op, wait));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    private static UpdateResult apply(CollectionData c, PointsUpdateOperation op, boolean wait) {
        switch (op.getOperationCase()) {
            case UPSERT: {
                PointsUpdateOperation.PointStructList upsert = op.getUpsert();
                return c.upsert(upsert.getPointsList(), wait,
                        upsert.hasUpdateFilter() ? upsert.getUpdateFilter() : null, upsert.getUpdateMode(),
                        ShardRouting.forWrite(c, upsert.hasShardKeySelector() ? upsert.getShardKeySelector() : null));
            }
            case DELETE_POINTS: {
                PointsUpdateOperation.DeletePoints delete = op.getDeletePoints();
                return c.delete(ShardRouting.forWrite(c, delete.hasShardKeySelector() ? delete.getShardKeySelector()
                        : null, delete.getPoints()), wait);
            }
            case SET_PAYLOAD: {
                PointsUpdateOperation.SetPayload set = op.getSetPayload();
                return c.setPayload(ShardRouting.forWrite(c, set.hasShardKeySelector() ? set.getShardKeySelector()
                        : null, set.getPointsSelector()), set.getPayloadMap(), set.hasKey() ? set.getKey() : null,
                        false, wait);
            }
            case OVERWRITE_PAYLOAD: {
                PointsUpdateOperation.OverwritePayload set = op.getOverwritePayload();
                return c.setPayload(ShardRouting.forWrite(c, set.hasShardKeySelector() ? set.getShardKeySelector()
                        : null, set.getPointsSelector()), set.getPayloadMap(), set.hasKey() ? set.getKey() : null,
                        true, wait);
            }
            case DELETE_PAYLOAD: {
                PointsUpdateOperation.DeletePayload delete = op.getDeletePayload();
                return c.deletePayload(ShardRouting.forWrite(c, delete.hasShardKeySelector()
                        ? delete.getShardKeySelector() : null, delete.getPointsSelector()), delete.getKeysList(), wait);
            }
            case CLEAR_PAYLOAD: {
                PointsUpdateOperation.ClearPayload clear = op.getClearPayload();
                return c.clearPayload(ShardRouting.forWrite(c, clear.hasShardKeySelector()
                        ? clear.getShardKeySelector() : null, clear.getPoints()), wait);
            }
            case UPDATE_VECTORS: {
                PointsUpdateOperation.UpdateVectors update = op.getUpdateVectors();
                return c.updateVectors(update.getPointsList(), wait,
                        update.hasUpdateFilter() ? update.getUpdateFilter() : null,
                        ShardRouting.forWrite(c, update.hasShardKeySelector() ? update.getShardKeySelector() : null));
            }
            case DELETE_VECTORS: {
                PointsUpdateOperation.DeleteVectors delete = op.getDeleteVectors();
                return c.deleteVectors(ShardRouting.forWrite(c, delete.hasShardKeySelector()
                        ? delete.getShardKeySelector() : null, delete.getPointsSelector()),
                        delete.getVectors().getNamesList(), wait);
            }
            case DELETE_DEPRECATED:
                return c.delete(ShardRouting.forWrite(c, null, op.getDeleteDeprecated()), wait);
            case CLEAR_PAYLOAD_DEPRECATED:
                return c.clearPayload(ShardRouting.forWrite(c, null, op.getClearPayloadDeprecated()), wait);
            default:
                throw QdrantErrors.validation("operation: an update operation must be set");
        }
    }

    // ---------------------------------------------------------------- reads

    /** Retrieve and scroll return the whole payload unless asked otherwise (search-like calls return none). */
    private static WithPayloadSelector payloadByDefault(boolean given, WithPayloadSelector selector) {
        return given ? selector : WithPayloadSelector.newBuilder().setEnable(true).build();
    }

    @Override
    public void get(GetPoints request, StreamObserver<GetResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            List<RetrievedPoint> points = c.get(request.getIdsList(),
                    payloadByDefault(request.hasWithPayload(), request.getWithPayload()),
                    request.hasWithVectors() ? request.getWithVectors() : null);
            Set<PointId> visible = ShardRouting.visible(c,
                    request.hasShardKeySelector() ? request.getShardKeySelector() : null);
            if (visible != null) {
                points = points.stream().filter(p -> visible.contains(p.getId())).toList();
            }
            return GetResponse.newBuilder().addAllResult(points).setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void search(SearchPoints request, StreamObserver<SearchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> SearchResponse.newBuilder().addAllResult(queries.search(request))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void searchBatch(SearchBatchPoints request, StreamObserver<SearchBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            collection(request.getCollectionName());
            SearchBatchResponse.Builder reply = SearchBatchResponse.newBuilder();
            for (SearchPoints search : request.getSearchPointsList()) {
                reply.addResult(BatchResult.newBuilder().addAllResult(queries.search(
                        search.toBuilder().setCollectionName(request.getCollectionName()).build())));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void recommend(RecommendPoints request, StreamObserver<RecommendResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> RecommendResponse.newBuilder().addAllResult(queries.recommend(request))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void recommendBatch(RecommendBatchPoints request, StreamObserver<RecommendBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            collection(request.getCollectionName());
            RecommendBatchResponse.Builder reply = RecommendBatchResponse.newBuilder();
            for (RecommendPoints r : request.getRecommendPointsList()) {
                reply.addResult(BatchResult.newBuilder().addAllResult(queries.recommend(
                        r.toBuilder().setCollectionName(request.getCollectionName()).build())));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void query(QueryPoints request, StreamObserver<QueryResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> QueryResponse.newBuilder().addAllResult(universal.query(request))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void queryBatch(QueryBatchPoints request, StreamObserver<QueryBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            collection(request.getCollectionName());
            QueryBatchResponse.Builder reply = QueryBatchResponse.newBuilder();
            for (QueryPoints q : request.getQueryPointsList()) {
                reply.addResult(BatchResult.newBuilder().addAllResult(universal.query(
                        q.toBuilder().setCollectionName(request.getCollectionName()).build())));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void scroll(ScrollPoints unscoped, StreamObserver<ScrollResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            ScrollPoints request = unscoped;
            Validation v = new Validation().name("collection_name", request.getCollectionName());
            if (request.hasLimit()) {
                v.atLeast("limit", request.getLimit(), 1);
            }
            v.check();
            CollectionData c = storage.collection(request.getCollectionName());
            request = ShardRouting.scoped(c, request);
            int limit = request.hasLimit() ? request.getLimit() : DEFAULT_SCROLL_LIMIT;
            if (request.hasOrderBy()) {
                return ScrollResponse.newBuilder().addAllResult(Analytics.orderedScroll(c, request.getOrderBy(),
                        request.hasFilter() ? request.getFilter() : null, limit,
                        payloadByDefault(request.hasWithPayload(), request.getWithPayload()),
                        request.hasWithVectors() ? request.getWithVectors() : null))
                        .setTime(Unary.since(start)).build();
            }
            List<RetrievedPoint> page = c.scroll(request.hasFilter() ? request.getFilter() : null,
                    request.hasOffset() ? request.getOffset() : null, limit,
                    payloadByDefault(request.hasWithPayload(), request.getWithPayload()),
                    request.hasWithVectors() ? request.getWithVectors() : null);
            ScrollResponse.Builder reply = ScrollResponse.newBuilder();
            if (page.size() > limit) {
                PointId next = page.get(limit).getId();
                reply.setNextPageOffset(next);
                page = page.subList(0, limit);
            }
            return reply.addAllResult(page).setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void count(CountPoints request, StreamObserver<CountResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            CollectionData c = collection(request.getCollectionName());
            CountPoints scoped = ShardRouting.scoped(c, request);
            long n = c.count(scoped.hasFilter() ? scoped.getFilter() : null);
            return CountResponse.newBuilder().setResult(CountResult.newBuilder().setCount(n))
                    .setTime(Unary.since(start)).build();
        });
    }

    // ---------------------------------------------------------------- discovery, groups, matrix, facets

    @Override
    public void discover(io.qdrant.client.grpc.Points.DiscoverPoints request,
            StreamObserver<io.qdrant.client.grpc.Points.DiscoverResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> io.qdrant.client.grpc.Points.DiscoverResponse.newBuilder()
                .addAllResult(queries.discover(request)).setTime(Unary.since(start)).build());
    }

    @Override
    public void discoverBatch(io.qdrant.client.grpc.Points.DiscoverBatchPoints request,
            StreamObserver<io.qdrant.client.grpc.Points.DiscoverBatchResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            collection(request.getCollectionName());
            io.qdrant.client.grpc.Points.DiscoverBatchResponse.Builder reply =
                    io.qdrant.client.grpc.Points.DiscoverBatchResponse.newBuilder();
            for (io.qdrant.client.grpc.Points.DiscoverPoints d : request.getDiscoverPointsList()) {
                reply.addResult(BatchResult.newBuilder().addAllResult(queries.discover(
                        d.toBuilder().setCollectionName(request.getCollectionName()).build())));
            }
            return reply.setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void searchGroups(io.qdrant.client.grpc.Points.SearchPointGroups request,
            StreamObserver<io.qdrant.client.grpc.Points.SearchGroupsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            Grouping.validate(request.getCollectionName(), request.getLimit(), request.getGroupSize(),
                    request.getGroupBy());
            SearchPoints.Builder search = SearchPoints.newBuilder().setCollectionName(request.getCollectionName())
                    .addAllVector(request.getVectorList()).setLimit(Integer.MAX_VALUE);
            if (request.hasFilter()) {
                search.setFilter(request.getFilter());
            }
            if (request.hasScoreThreshold()) {
                search.setScoreThreshold(request.getScoreThreshold());
            }
            if (request.hasVectorName()) {
                search.setVectorName(request.getVectorName());
            }
            if (request.hasSparseIndices()) {
                search.setSparseIndices(request.getSparseIndices());
            }
            if (request.hasShardKeySelector()) {
                search.setShardKeySelector(request.getShardKeySelector());
            }
            CollectionData c = collection(request.getCollectionName());
            return io.qdrant.client.grpc.Points.SearchGroupsResponse.newBuilder()
                    .setResult(io.qdrant.client.grpc.Points.GroupsResult.newBuilder().addAllGroups(Grouping.group(
                            storage, c, queries.search(search.build()), request.getGroupBy(), request.getGroupSize(),
                            request.getLimit(), request.getWithPayload(),
                            request.hasWithVectors() ? request.getWithVectors() : null,
                            request.hasWithLookup() ? request.getWithLookup() : null)))
                    .setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void recommendGroups(io.qdrant.client.grpc.Points.RecommendPointGroups request,
            StreamObserver<io.qdrant.client.grpc.Points.RecommendGroupsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            Grouping.validate(request.getCollectionName(), request.getLimit(), request.getGroupSize(),
                    request.getGroupBy());
            RecommendPoints.Builder recommend = RecommendPoints.newBuilder()
                    .setCollectionName(request.getCollectionName()).addAllPositive(request.getPositiveList())
                    .addAllNegative(request.getNegativeList()).addAllPositiveVectors(request.getPositiveVectorsList())
                    .addAllNegativeVectors(request.getNegativeVectorsList()).setLimit(Integer.MAX_VALUE);
            if (request.hasFilter()) {
                recommend.setFilter(request.getFilter());
            }
            if (request.hasScoreThreshold()) {
                recommend.setScoreThreshold(request.getScoreThreshold());
            }
            if (request.hasUsing()) {
                recommend.setUsing(request.getUsing());
            }
            if (request.hasLookupFrom()) {
                recommend.setLookupFrom(request.getLookupFrom());
            }
            if (request.hasStrategy()) {
                recommend.setStrategy(request.getStrategy());
            }
            if (request.hasShardKeySelector()) {
                recommend.setShardKeySelector(request.getShardKeySelector());
            }
            CollectionData c = collection(request.getCollectionName());
            return io.qdrant.client.grpc.Points.RecommendGroupsResponse.newBuilder()
                    .setResult(io.qdrant.client.grpc.Points.GroupsResult.newBuilder().addAllGroups(Grouping.group(
                            storage, c, queries.recommend(recommend.build()), request.getGroupBy(),
                            request.getGroupSize(), request.getLimit(), request.getWithPayload(),
                            request.hasWithVectors() ? request.getWithVectors() : null,
                            request.hasWithLookup() ? request.getWithLookup() : null)))
                    .setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void queryGroups(io.qdrant.client.grpc.Points.QueryPointGroups request,
            StreamObserver<io.qdrant.client.grpc.Points.QueryGroupsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> {
            long limit = request.hasLimit() ? request.getLimit() : 10;
            long groupSize = request.hasGroupSize() ? request.getGroupSize() : 3;
            Grouping.validate(request.getCollectionName(), limit, groupSize, request.getGroupBy());
            CollectionData c = collection(request.getCollectionName());
            return io.qdrant.client.grpc.Points.QueryGroupsResponse.newBuilder()
                    .setResult(io.qdrant.client.grpc.Points.GroupsResult.newBuilder().addAllGroups(Grouping.group(
                            storage, c, universal.rankAll(request), request.getGroupBy(), groupSize, limit,
                            request.getWithPayload(), request.hasWithVectors() ? request.getWithVectors() : null,
                            request.hasWithLookup() ? request.getWithLookup() : null)))
                    .setTime(Unary.since(start)).build();
        });
    }

    @Override
    public void facet(io.qdrant.client.grpc.Points.FacetCounts request,
            StreamObserver<io.qdrant.client.grpc.Points.FacetResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> io.qdrant.client.grpc.Points.FacetResponse.newBuilder()
                .addAllHits(Analytics.facet(collection(request.getCollectionName()), request))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void searchMatrixPairs(io.qdrant.client.grpc.Points.SearchMatrixPoints request,
            StreamObserver<io.qdrant.client.grpc.Points.SearchMatrixPairsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> io.qdrant.client.grpc.Points.SearchMatrixPairsResponse.newBuilder()
                .setResult(Analytics.pairs(collection(request.getCollectionName()), request))
                .setTime(Unary.since(start)).build());
    }

    @Override
    public void searchMatrixOffsets(io.qdrant.client.grpc.Points.SearchMatrixPoints request,
            StreamObserver<io.qdrant.client.grpc.Points.SearchMatrixOffsetsResponse> observer) {
        long start = System.nanoTime();
        Unary.answer(observer, () -> io.qdrant.client.grpc.Points.SearchMatrixOffsetsResponse.newBuilder()
                .setResult(Analytics.offsets(collection(request.getCollectionName()), request))
                .setTime(Unary.since(start)).build());
    }

    // ---------------------------------------------------------------- vector names

    @Override
    public void createVectorName(io.qdrant.client.grpc.Points.CreateVectorNameRequest request,
            StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> VectorNames.create(collection(request.getCollectionName()), request));
    }

    @Override
    public void deleteVectorName(io.qdrant.client.grpc.Points.DeleteVectorNameRequest request,
            StreamObserver<PointsOperationResponse> observer) {
        update(observer, () -> VectorNames.delete(collection(request.getCollectionName()), request));
    }
}
