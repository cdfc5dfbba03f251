package io.ringfence.screening;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.ringfence.screening.grpc.ScreenResponse;
import io.ringfence.screening.grpc.ScreeningGrpc;
import io.ringfence.screening.grpc.TrafficType;
import io.ringfence.screening.grpc.Verdict;

/** The screening answer over gRPC ({@code src/main/proto/screening.proto}); same order as REST. */
class GrpcScreeningService extends ScreeningGrpc.ScreeningImplBase {
    private final Screening screening;

    GrpcScreeningService(Screening screening) {
        this.screening = screening;
    }

    @Override
    public void screen(io.ringfence.screening.grpc.ScreenRequest in, StreamObserver<ScreenResponse> out) {
        String type = in.getType() == TrafficType.TRAFFIC_TYPE_UNSPECIFIED || in.getType() == TrafficType.UNRECOGNIZED
                ? "" : in.getType().name();
        ScreenRequest request = new ScreenRequest(in.getA(), in.getB(), type, in.getIp(), in.getTrunk(), in.getSenderId());
        String invalid = request.invalid();
        if (invalid != null) {
            out.onError(Status.INVALID_ARGUMENT.withDescription(invalid).asRuntimeException());
            return;
        }
        ScreenAnswer answer;
        try {
            answer = screening.screen(request);
        } catch (RuntimeException e) {
            out.onError(Status.UNAVAILABLE.withDescription("screening store unavailable: " + e.getMessage())
                    .withCause(e).asRuntimeException());
            return;
        }
        out.onNext(ScreenResponse.newBuilder()
                .setVerdict(answer.verdict() == ScreenAnswer.Verdict.ALLOW ? Verdict.ALLOW : Verdict.DENY)
                .setReason(answer.reason())
                .setDecisionId(answer.decisionId() == null ? "" : answer.decisionId())
                .setList(answer.list() == null ? "" : answer.list())
                .build());
        out.onCompleted();
    }
}
