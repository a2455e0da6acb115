<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name></name>
    <message>
        <source>step {n}</source>
        <translation>스텝 {n}</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>recording cancelled; no file written</source>
        <translation>녹화를 취소했습니다. 파일은 저장하지 않았습니다</translation>
    </message>
    <message>
        <source>({n} classes)</source>
        <translation>(클래스 {n}개)</translation>
    </message>
    <message>
        <source>N(0, {std}²) init</source>
        <translation>N(0, {std}²) 초기화</translation>
    </message>
    <message>
        <source>{init} init</source>
        <translation>{init} 초기화</translation>
    </message>
    <message>
        <source>no hidden layer</source>
        <translation>은닉층 없음</translation>
    </message>
    <message>
        <source>{optimizer} lr {lr}</source>
        <translation>{optimizer} 학습률 {lr}</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>dropout {p}</source>
        <translation>드롭아웃 {p}</translation>
    </message>
    <message>
        <source># nnlens figure at step {n}; to draw it again:</source>
        <translation># nnlens 그림, 스텝 {n}. 다시 그리려면:</translation>
    </message>
    <message>
        <source>unknown activation {name}; choose one of {choices}</source>
        <translation>알 수 없는 활성화 함수 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>checkpoint of {name}: its weights ({saved_weights}) or data ({saved_rows} rows) do not fit the network ({weights}) and data ({rows} rows) its settings build</source>
        <translation>{name}의 체크포인트: 저장된 가중치({saved_weights}개)나 데이터({saved_rows}행)가 설정으로 만든 신경망({weights}개)과 데이터({rows}행)에 맞지 않습니다</translation>
    </message>
    <message>
        <source>checkpoint of {name}: optimizer state of another size</source>
        <translation>{name}의 체크포인트: 옵티마이저 상태의 크기가 다릅니다</translation>
    </message>
    <message>
        <source>checkpoint of {name}: {error}</source>
        <translation>{name}의 체크포인트: {error}</translation>
    </message>
    <message>
        <source>{path}: cannot write the checkpoint ({error})</source>
        <translation>{path}: 체크포인트를 저장할 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>a single array, not a checkpoint archive</source>
        <translation>체크포인트 묶음이 아니라 배열 하나뿐입니다</translation>
    </message>
    <message>
        <source>{name}: cannot read the checkpoint ({error})</source>
        <translation>{name}: 체크포인트를 읽을 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>{name}: the saved experiment is invalid ({error})</source>
        <translation>{name}: 저장된 실험 설정이 올바르지 않습니다 ({error})</translation>
    </message>
    <message>
        <source>{name}: not a complete nnlens checkpoint ({reason})</source>
        <translation>{name}: 완전한 nnlens 체크포인트가 아닙니다 ({reason})</translation>
    </message>
    <message>
        <source>no nnlens checkpoint header</source>
        <translation>nnlens 체크포인트 헤더가 없습니다</translation>
    </message>
    <message>
        <source>written by a newer nnlens (format {version})</source>
        <translation>더 새로운 nnlens가 저장한 파일입니다 (형식 {version})</translation>
    </message>
    <message>
        <source>weights or batch order of the wrong shape</source>
        <translation>가중치나 배치 순서의 모양이 잘못되었습니다</translation>
    </message>
    <message>
        <source>no step count</source>
        <translation>스텝 수가 없습니다</translation>
    </message>
    <message>
        <source>learning curves shorter than the saved step</source>
        <translation>학습 곡선이 저장된 스텝보다 짧습니다</translation>
    </message>
    <message>
        <source>expected a table with a label and changes</source>
        <translation>label과 바꿀 설정이 든 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>expected text</source>
        <translation>텍스트여야 합니다</translation>
    </message>
    <message>
        <source>unknown setting</source>
        <translation>알 수 없는 설정입니다</translation>
    </message>
    <message>
        <source>a comparison needs at least one variant</source>
        <translation>비교에는 변형이 하나 이상 필요합니다</translation>
    </message>
    <message>
        <source>unknown dataset {name}; choose one of {choices}</source>
        <translation>알 수 없는 데이터셋 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>dataset {name} needs a file path</source>
        <translation>데이터셋 {name}에는 파일 경로가 필요합니다</translation>
    </message>
    <message>
        <source>IDX images need their labels file too</source>
        <translation>IDX 이미지에는 레이블 파일도 필요합니다</translation>
    </message>
    <message>
        <source>the seed must be at least 0</source>
        <translation>시드는 0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>need at least 4 samples</source>
        <translation>샘플이 4개 이상 필요합니다</translation>
    </message>
    <message>
        <source>noise is a standard deviation, at least 0</source>
        <translation>noise는 표준편차이므로 0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>need at least 2 classes</source>
        <translation>클래스가 2개 이상 필요합니다</translation>
    </message>
    <message>
        <source>1 to 10000 input features</source>
        <translation>입력 특성은 1개에서 10000개까지입니다</translation>
    </message>
    <message>
        <source>must be at least 0</source>
        <translation>0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>validation and test fractions together must leave some training data</source>
        <translation>검증 데이터와 테스트 데이터 비율을 합쳐도 훈련 데이터가 남아야 합니다</translation>
    </message>
    <message>
        <source>a layer needs 1 to 4096 neurons</source>
        <translation>층 하나의 뉴런 수는 1개에서 4096개까지입니다</translation>
    </message>
    <message>
        <source>at most 32 hidden layers</source>
        <translation>은닉층은 최대 32개입니다</translation>
    </message>
    <message>
        <source>the step function has zero slope everywhere, so backpropagation cannot train it; use sigmoid, its smooth version</source>
        <translation>계단 함수는 어디서나 기울기가 0이라 역전파로 학습할 수 없습니다. 이를 매끄럽게 만든 시그모이드를 쓰세요</translation>
    </message>
    <message>
        <source>unknown task {name}; choose one of {choices}</source>
        <translation>알 수 없는 과제 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>a {implied} dataset cannot be trained as {task}</source>
        <translation>{implied} 데이터셋은 {task}(으)로 학습할 수 없습니다</translation>
    </message>
    <message>
        <source>unknown init {name}; choose one of {choices}</source>
        <translation>알 수 없는 초기화 방법 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>the weight std must be positive</source>
        <translation>가중치 표준편차는 양수여야 합니다</translation>
    </message>
    <message>
        <source>the dropout ratio must be in [0, 1)</source>
        <translation>드롭아웃 비율은 [0, 1) 범위여야 합니다</translation>
    </message>
    <message>
        <source>λ must be at least 0</source>
        <translation>λ는 0 이상이어야 합니다</translation>
    </message>
    <message>
        <source>the slope must be in [0, 1)</source>
        <translation>기울기는 [0, 1) 범위여야 합니다</translation>
    </message>
    <message>
        <source>α must be positive</source>
        <translation>α는 양수여야 합니다</translation>
    </message>
    <message>
        <source>0 means full batch; else ≥ 1</source>
        <translation>0은 전체 배치를 뜻합니다. 그 밖에는 1 이상이어야 합니다</translation>
    </message>
    <message>
        <source>1 to 100000 samples</source>
        <translation>샘플은 1개에서 100000개까지입니다</translation>
    </message>
    <message>
        <source>0 (off) or a number of steps</source>
        <translation>0(끄기) 또는 스텝 수여야 합니다</translation>
    </message>
    <message>
        <source>8 to 400 points a side</source>
        <translation>한 변의 점 수는 8개에서 400개까지입니다</translation>
    </message>
    <message>
        <source>{source} has labels that are not whole numbers (regression targets); it cannot be trained as {task}</source>
        <translation>{source}의 레이블이 정수가 아닙니다(회귀 목표값). {task}(으)로 학습할 수 없습니다</translation>
    </message>
    <message>
        <source>{source} has {n} classes; binary needs 2 (use multiclass)</source>
        <translation>{source}의 클래스는 {n}개입니다. binary에는 2개가 필요합니다 (multiclass를 쓰세요)</translation>
    </message>
    <message>
        <source>unknown setting; expected name, seed, {sections}</source>
        <translation>알 수 없는 설정입니다. name, seed, {sections} 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>not valid TOML ({error})</source>
        <translation>올바른 TOML이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>cannot write the file ({error})</source>
        <translation>파일을 저장할 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>cannot read the file ({kind}: {error})</source>
        <translation>파일을 읽을 수 없습니다 ({kind}: {error})</translation>
    </message>
    <message>
        <source>not a text file (cannot decode it as UTF-8)</source>
        <translation>텍스트 파일이 아닙니다 (UTF-8로 읽을 수 없습니다)</translation>
    </message>
    <message>
        <source>the file is empty</source>
        <translation>파일이 비어 있습니다</translation>
    </message>
    <message>
        <source>the file holds only comments, no settings</source>
        <translation>파일에 주석만 있고 설정이 없습니다</translation>
    </message>
    <message>
        <source>expected a table of settings</source>
        <translation>설정 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>unknown setting; expected one of {choices}</source>
        <translation>알 수 없는 설정입니다. 다음 중 하나여야 합니다: {choices}</translation>
    </message>
    <message>
        <source>expected a list of layer widths, e.g. [4, 4]</source>
        <translation>층 너비의 목록이어야 합니다 (예: [4, 4])</translation>
    </message>
    <message>
        <source>expected a number or true/false</source>
        <translation>숫자나 true/false여야 합니다</translation>
    </message>
    <message>
        <source>expected a finite number</source>
        <translation>유한한 숫자여야 합니다</translation>
    </message>
    <message>
        <source>expected a number, got {value}</source>
        <translation>숫자여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>expected a whole number, got {value}</source>
        <translation>정수여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>expected true or false, got {value}</source>
        <translation>true 또는 false여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>expected text, got {value}</source>
        <translation>텍스트여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>expected {kind}, got {value}</source>
        <translation>{kind} 값이어야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{name}: inconsistent data set (X {x_type} {x_shape}, y {y_type} {y_shape}, task {task}, {k} classes, image shape {image_shape})</source>
        <translation>{name}: 앞뒤가 맞지 않는 데이터셋입니다 (X {x_type} {x_shape}, y {y_type} {y_shape}, 과제 {task}, 클래스 {k}개, 이미지 모양 {image_shape})</translation>
    </message>
    <message>
        <source>{name}: n_classes must be a whole number &gt;= 2, got {value}</source>
        <translation>{name}: n_classes는 2 이상의 정수여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{name}: n_samples must be a whole number from {low} to {high:,}, got {value}</source>
        <translation>{name}: n_samples는 {low}에서 {high:,} 사이의 정수여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{name}: noise must be a finite number &gt;= 0, got {value}</source>
        <translation>{name}: noise는 0 이상의 유한한 숫자여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{name}: n_features must be a whole number from 1 to 10,000, got {value}</source>
        <translation>{name}: n_features는 1에서 10,000 사이의 정수여야 하는데 {value}입니다</translation>
    </message>
    <message>
        <source>{path}: bundled digits data is missing or damaged ({error}); reinstall nnlens</source>
        <translation>{path}: 함께 제공되는 숫자 손글씨 데이터가 없거나 손상되었습니다 ({error}). nnlens를 다시 설치하세요</translation>
    </message>
    <message>
        <source>unknown data set {name}; choose one of: {choices}</source>
        <translation>알 수 없는 데이터셋 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>{name}: no file chosen</source>
        <translation>{name}: 파일을 고르지 않았습니다</translation>
    </message>
    <message>
        <source>{name}: no labels file chosen for the IDX images</source>
        <translation>{name}: IDX 이미지의 레이블 파일을 고르지 않았습니다</translation>
    </message>
    <message>
        <source>{name}: validation and test fractions must be &gt;= 0 with a sum below 1, got {validation} and {test}</source>
        <translation>{name}: 검증 데이터와 테스트 데이터 비율은 0 이상이고 합이 1보다 작아야 하는데 {validation}와(과) {test}입니다</translation>
    </message>
    <message>
        <source>{name}: cannot split an empty data set</source>
        <translation>{name}: 빈 데이터셋은 나눌 수 없습니다</translation>
    </message>
    <message>
        <source>cannot standardise: need an (n, d) array with n &gt;= 1, got {shape}</source>
        <translation>표준화할 수 없습니다: n &gt;= 1인 (n, d) 배열이 필요한데 모양이 {shape}입니다</translation>
    </message>
    <message>
        <source>cannot standardise: expected {n} features, got shape {shape}</source>
        <translation>표준화할 수 없습니다: 특성 {n}개를 기대했는데 모양이 {shape}입니다</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{label}: {steps} steps, {epochs} epochs; train loss {train_loss} acc {train_acc}; validation loss {val_loss} acc {val_acc}</source>
        <translation>{label}: {steps} 스텝, {epochs} 에폭; 훈련 손실 {train_loss} 정확도 {train_acc}; 검증 손실 {val_loss} 정확도 {val_acc}</translation>
    </message>
    <message>
        <source>{label}: {steps} steps, {epochs} epochs; train loss {train_loss} acc {train_acc}; validation loss {val_loss} acc {val_acc}; test acc {test_acc}</source>
        <translation>{label}: {steps} 스텝, {epochs} 에폭; 훈련 손실 {train_loss} 정확도 {train_acc}; 검증 손실 {val_loss} 정확도 {val_acc}; 테스트 정확도 {test_acc}</translation>
    </message>
    <message>
        <source>#{rank}: lr {lr:.2e}, weight decay {weight_decay:.2e}: validation accuracy {accuracy}</source>
        <translation>#{rank}: 학습률 {lr:.2e}, 가중치 감소 {weight_decay:.2e}: 검증 정확도 {accuracy}</translation>
    </message>
    <message>
        <source>{label}: {steps} steps on {surface}, ends at ({x:.4g}, {y:.4g})</source>
        <translation>{label}: {surface}에서 {steps} 스텝, 끝점 ({x:.4g}, {y:.4g})</translation>
    </message>
    <message>
        <source>{path}: cannot write the JSON report ({error})</source>
        <translation>{path}: JSON 보고서를 저장할 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>wrote {path}</source>
        <translation>{path}에 저장했습니다</translation>
    </message>
    <message>
        <source>training diverged: {label}: {reason}</source>
        <translation>학습이 발산했습니다: {label}: {reason}</translation>
    </message>
    <message>
        <source>init &apos;normal&apos; needs a positive std, e.g. 1 or 0.01</source>
        <translation>초기화 &apos;normal&apos;에는 양수 표준편차가 필요합니다 (예: 1 또는 0.01)</translation>
    </message>
    <message>
        <source>{path}: no such file</source>
        <translation>{path}: 파일이 없습니다</translation>
    </message>
    <message>
        <source>{path}: is a folder, not a file</source>
        <translation>{path}: 파일이 아니라 폴더입니다</translation>
    </message>
    <message>
        <source>{path}: cannot read ({error})</source>
        <translation>{path}: 읽을 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>{source}: every label is {label:g}; a classifier needs at least 2 classes</source>
        <translation>{source}: 모든 레이블이 {label:g}입니다. 분류에는 클래스가 2개 이상 필요합니다</translation>
    </message>
    <message>
        <source>{name}: not a text file (cannot decode it as UTF-8)</source>
        <translation>{name}: 텍스트 파일이 아닙니다 (UTF-8로 읽을 수 없습니다)</translation>
    </message>
    <message>
        <source>{name}: not a readable CSV file ({error})</source>
        <translation>{name}: 읽을 수 있는 CSV 파일이 아닙니다 ({error})</translation>
    </message>
    <message>
        <source>{name}: the file is empty</source>
        <translation>{name}: 파일이 비어 있습니다</translation>
    </message>
    <message>
        <source>{name} line {line}: found 1 column; need feature columns then a label column, separated by commas</source>
        <translation>{name} {line}행: 열이 1개뿐입니다. 특성 열들 다음에 레이블 열이 쉼표로 구분되어 있어야 합니다</translation>
    </message>
    <message>
        <source>{name}: the file has a header row but no data rows</source>
        <translation>{name}: 파일에 머리글 행만 있고 데이터 행이 없습니다</translation>
    </message>
    <message>
        <source>{name} line {line}: expected {width} columns (as on line {first}), found {found}</source>
        <translation>{name} {line}행: ({first}행처럼) 열이 {width}개여야 하는데 {found}개입니다</translation>
    </message>
    <message>
        <source>{name} line {line}, column {column}: {cell} is not allowed (values must be finite numbers)</source>
        <translation>{name} {line}행 {column}열: {cell}은(는) 쓸 수 없습니다 (값은 유한한 숫자여야 합니다)</translation>
    </message>
    <message>
        <source>{name} (label column)</source>
        <translation>{name} (레이블 열)</translation>
    </message>
    <message>
        <source>{name} line {line}, column {column}: is empty</source>
        <translation>{name} {line}행 {column}열: 비어 있습니다</translation>
    </message>
    <message>
        <source>{name} line {line}, column {column}: {cell} is not a number</source>
        <translation>{name} {line}행 {column}열: {cell}은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{name} line {line}: cannot read the numbers on this line</source>
        <translation>{name} {line}행: 이 행의 숫자를 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>{name}: a single-array .npy file; save X and y with numpy.savez</source>
        <translation>{name}: 배열 하나짜리 .npy 파일입니다. X와 y를 numpy.savez로 저장하세요</translation>
    </message>
    <message>
        <source>{name}: not an .npz archive (save X and y with numpy.savez)</source>
        <translation>{name}: .npz 파일이 아닙니다 (X와 y를 numpy.savez로 저장하세요)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>{name}: no array named {key} (found: {found})</source>
        <translation>{name}: 이름이 {key}인 배열이 없습니다 (찾은 배열: {found})</translation>
    </message>
    <message>
        <source>{name}: holds Python objects; save plain number arrays</source>
        <translation>{name}: 파이썬 객체가 들어 있습니다. 숫자 배열만 저장하세요</translation>
    </message>
    <message>
        <source>{name}: damaged or truncated .npz archive ({error})</source>
        <translation>{name}: 손상되었거나 잘린 .npz 파일입니다 ({error})</translation>
    </message>
    <message>
        <source>{name}: array {key} must hold numbers, not {type}</source>
        <translation>{name}: 배열 {key}에는 {type}이(가) 아니라 숫자가 들어 있어야 합니다</translation>
    </message>
    <message>
        <source>{name}: array {key} is a single value, not one row per sample</source>
        <translation>{name}: 배열 {key}이(가) 샘플마다 한 행이 아니라 값 하나뿐입니다</translation>
    </message>
    <message>
        <source>{name}: array &apos;X&apos; must have shape (n, features) or (n, height, width), got {shape}</source>
        <translation>{name}: 배열 &apos;X&apos;의 모양은 (n, features)나 (n, height, width)여야 하는데 {shape}입니다</translation>
    </message>
    <message>
        <source>{name}: &apos;X&apos; has {n} samples but &apos;y&apos; has shape {shape}; expected one label (or target row) per sample</source>
        <translation>{name}: &apos;X&apos;에는 샘플이 {n}개인데 &apos;y&apos;의 모양은 {shape}입니다. 샘플마다 레이블(또는 목표값 행)이 하나씩 있어야 합니다</translation>
    </message>
    <message>
        <source>{name}: &apos;X&apos; is empty (shape {shape})</source>
        <translation>{name}: &apos;X&apos;가 비어 있습니다 (모양 {shape})</translation>
    </message>
    <message>
        <source>{name}: array {key} has NaN or infinite values (first at index {row})</source>
        <translation>{name}: 배열 {key}에 NaN이나 무한대 값이 있습니다 (첫 위치: 인덱스 {row})</translation>
    </message>
    <message>
        <source>{name} (array &apos;y&apos;)</source>
        <translation>{name} (배열 &apos;y&apos;)</translation>
    </message>
    <message>
        <source>{name}: damaged gzip data ({error})</source>
        <translation>{name}: 손상된 gzip 데이터입니다 ({error})</translation>
    </message>
    <message>
        <source>{name}: too short to be an IDX {kind} file ({size} bytes)</source>
        <translation>{name}: IDX {kind} 파일이라기엔 너무 짧습니다 ({size}바이트)</translation>
    </message>
    <message>
        <source>{name}: not an IDX {kind} file (magic number 0x{found:08X}, expected 0x{magic:08X}); it looks like an IDX {other} file, were the two files swapped?</source>
        <translation>{name}: IDX {kind} 파일이 아닙니다 (매직 넘버 0x{found:08X}, 기대한 값 0x{magic:08X}). IDX {other} 파일로 보입니다. 두 파일을 바꿔 고르지 않았나요?</translation>
    </message>
    <message>
        <source>{name}: not an IDX {kind} file (magic number 0x{found:08X}, expected 0x{magic:08X})</source>
        <translation>{name}: IDX {kind} 파일이 아닙니다 (매직 넘버 0x{found:08X}, 기대한 값 0x{magic:08X})</translation>
    </message>
    <message>
        <source>{name}: truncated IDX header ({size} bytes)</source>
        <translation>{name}: IDX 헤더가 잘렸습니다 ({size}바이트)</translation>
    </message>
    <message>
        <source>{name}: truncated: the header promises {shape} bytes of data ({expected:,} bytes in all) but the file has {size:,} bytes</source>
        <translation>{name}: 잘린 파일입니다. 헤더에 따르면 데이터가 {shape}바이트(전체 {expected:,}바이트)인데 파일은 {size:,}바이트입니다</translation>
    </message>
    <message>
        <source>{name}: has extra bytes: the header promises {shape} bytes of data ({expected:,} bytes in all) but the file has {size:,} bytes</source>
        <translation>{name}: 남는 바이트가 있습니다. 헤더에 따르면 데이터가 {shape}바이트(전체 {expected:,}바이트)인데 파일은 {size:,}바이트입니다</translation>
    </message>
    <message>
        <source>image</source>
        <translation>이미지</translation>
    </message>
    <message>
        <source>label</source>
        <translation>레이블</translation>
    </message>
    <message>
        <source>{images} holds {n:,} images but {labels} holds {n_labels:,} labels; choose matching files</source>
        <translation>{images}에는 이미지가 {n:,}개인데 {labels}에는 레이블이 {n_labels:,}개입니다. 서로 맞는 파일을 고르세요</translation>
    </message>
    <message>
        <source>{name}: no images ({n} × {rows} × {cols})</source>
        <translation>{name}: 이미지가 없습니다 ({n} × {rows} × {cols})</translation>
    </message>
    <message>
        <source>mean squared error (½ Σ (y − t)²)</source>
        <translation>평균 제곱 오차 (½ Σ (y − t)²)</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>평균 제곱 오차</translation>
    </message>
    <message>
        <source>binary cross-entropy</source>
        <translation>이진 교차 엔트로피</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>교차 엔트로피</translation>
    </message>
    <message>
        <source>need an input and an output size, all at least 1</source>
        <translation>입력과 출력 크기가 필요하며 모두 1 이상이어야 합니다</translation>
    </message>
    <message>
        <source>the step function has zero slope everywhere (and none at 0), so backpropagation cannot train it; use sigmoid, its smooth version</source>
        <translation>계단 함수는 어디서나 기울기가 0이고 0에서는 기울기가 없어 역전파로 학습할 수 없습니다. 이를 매끄럽게 만든 시그모이드를 쓰세요</translation>
    </message>
    <message>
        <source>{key} must be true or false (got {value})</source>
        <translation>{key}은(는) true 또는 false여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{key} must be a number (got {value})</source>
        <translation>{key}은(는) 숫자여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{key} must be a finite number &gt; 0 (got {value})</source>
        <translation>{key}은(는) 0보다 큰 유한한 숫자여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{key} must be a finite number &gt;= 0 (got {value})</source>
        <translation>{key}은(는) 0 이상의 유한한 숫자여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{key} must be a finite number in [0, 1) (got {value})</source>
        <translation>{key}은(는) [0, 1) 범위의 유한한 숫자여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{key} must be a finite number in [0, 1] (got {value})</source>
        <translation>{key}은(는) [0, 1] 범위의 유한한 숫자여야 합니다 (입력값 {value})</translation>
    </message>
    <message>
        <source>{name} has no hyper-parameter &apos;{key}&apos;; allowed: {allowed}</source>
        <translation>{name}에는 하이퍼파라미터 &apos;{key}&apos;이(가) 없습니다. 쓸 수 있는 것: {allowed}</translation>
    </message>
    <message>
        <source>Nesterov momentum needs momentum &gt; 0 and dampening 0 (momentum is {momentum}, dampening {dampening})</source>
        <translation>Nesterov 모멘텀에는 momentum &gt; 0, dampening 0이 필요합니다 (지금 momentum {momentum}, dampening {dampening})</translation>
    </message>
    <message>
        <source>saved state belongs to &apos;{saved}&apos;, not &apos;{name}&apos;</source>
        <translation>저장된 상태는 &apos;{name}&apos;이(가) 아니라 &apos;{saved}&apos;의 것입니다</translation>
    </message>
    <message>
        <source>unknown optimizer {name}; choose one of: {choices}</source>
        <translation>알 수 없는 옵티마이저 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>unknown setting; expected {keys} or a language table such as [lesson.ko]</source>
        <translation>알 수 없는 설정입니다. {keys} 또는 [lesson.ko] 같은 언어 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>English is [lesson]&apos;s own title and explanation</source>
        <translation>영어 텍스트는 [lesson]의 title과 explanation에 씁니다</translation>
    </message>
    <message>
        <source>expected a table with title and explanation</source>
        <translation>title과 explanation이 든 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>unknown setting; expected title, explanation</source>
        <translation>알 수 없는 설정입니다. title, explanation 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>no lesson called {name}; available: {choices}</source>
        <translation>{name}(이)라는 실습이 없습니다. 있는 실습: {choices}</translation>
    </message>
    <message>
        <source>expected a list of {choices}</source>
        <translation>{choices} 중에서 고른 목록이어야 합니다</translation>
    </message>
    <message>
        <source>expected a whole number of steps, at least 0</source>
        <translation>0 이상의 정수 스텝 수여야 합니다</translation>
    </message>
    <message>
        <source>expected [[variants]] tables</source>
        <translation>[[variants]] 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>expected a table with trials, steps, lr, weight_decay</source>
        <translation>trials, steps, lr, weight_decay가 든 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>unknown setting; expected {choices}</source>
        <translation>알 수 없는 설정입니다. 다음 중 하나여야 합니다: {choices}</translation>
    </message>
    <message>
        <source>expected [low, high] exponents of 10</source>
        <translation>10의 지수 [low, high]여야 합니다</translation>
    </message>
    <message>
        <source>expected a whole number</source>
        <translation>정수여야 합니다</translation>
    </message>
    <message>
        <source>expected a table with surface, steps and runners</source>
        <translation>surface, steps, runners가 든 테이블이어야 합니다</translation>
    </message>
    <message>
        <source>unknown setting; expected surface, start, steps, runners</source>
        <translation>알 수 없는 설정입니다. surface, start, steps, runners 중 하나여야 합니다</translation>
    </message>
    <message>
        <source>expected [x, y]</source>
        <translation>[x, y]여야 합니다</translation>
    </message>
    <message>
        <source>expected a whole number from 1 to 100000</source>
        <translation>1에서 100000 사이의 정수여야 합니다</translation>
    </message>
    <message>
        <source>expected {{ label, optimizer, lr, … }}</source>
        <translation>{{ label, optimizer, lr, … }} 형태여야 합니다</translation>
    </message>
    <message>
        <source>a race needs at least one runner</source>
        <translation>경주에는 주자가 하나 이상 필요합니다</translation>
    </message>
    <message>
        <source>a race needs at least one optimizer</source>
        <translation>경주에는 옵티마이저가 하나 이상 필요합니다</translation>
    </message>
    <message>
        <source>runner {label} must be (optimizer name, {{hyper}}), got {spec}</source>
        <translation>주자 {label}은(는) (옵티마이저 이름, {{hyper}}) 형태여야 하는데 {spec}입니다</translation>
    </message>
    <message>
        <source>start must be a point (x, y), got {start}</source>
        <translation>시작점은 점 (x, y)여야 하는데 {start}입니다</translation>
    </message>
    <message>
        <source>start must be finite, got ({x}, {y})</source>
        <translation>시작점은 유한해야 하는데 ({x}, {y})입니다</translation>
    </message>
    <message>
        <source>no runner {label}; runners: {labels}</source>
        <translation>주자 {label}이(가) 없습니다. 주자: {labels}</translation>
    </message>
    <message>
        <source>expected 1 to 1000 trials</source>
        <translation>시행 횟수는 1에서 1000 사이여야 합니다</translation>
    </message>
    <message>
        <source>expected 1 to 1000000 steps per trial</source>
        <translation>시행당 스텝 수는 1에서 1000000 사이여야 합니다</translation>
    </message>
    <message>
        <source>expected exponents [low, high], low &lt; high</source>
        <translation>지수 [low, high]여야 하며 low &lt; high여야 합니다</translation>
    </message>
    <message>
        <source>unknown surface {name}; choose one of: {choices}</source>
        <translation>알 수 없는 곡면 {name}입니다. 다음 중에서 고르세요: {choices}</translation>
    </message>
    <message>
        <source>grid size must be an integer &gt;= 2 (got {n})</source>
        <translation>격자 크기는 2 이상의 정수여야 합니다 (입력값 {n})</translation>
    </message>
    <message>
        <source>loss exploded to {loss:.3g} at step {step}</source>
        <translation>{step} 스텝에서 손실이 {loss:.3g}(으)로 폭증했습니다</translation>
    </message>
    <message>
        <source>gradients became infinite or NaN at step {step}</source>
        <translation>{step} 스텝에서 기울기가 무한대나 NaN이 되었습니다</translation>
    </message>
    <message>
        <source>weights became infinite or NaN at step {step}</source>
        <translation>{step} 스텝에서 가중치가 무한대나 NaN이 되었습니다</translation>
    </message>
    <message>
        <source>{activation} + {output} with {cost}, {optimizer}</source>
        <translation>{activation} + {output}, 손실 함수 {cost}, 옵티마이저 {optimizer}</translation>
    </message>
    <message>
        <source>{output} with {cost}, {optimizer}</source>
        <translation>{output}, 손실 함수 {cost}, 옵티마이저 {optimizer}</translation>
    </message>
    <message>
        <source>the initial weights (std {std:g}) are too large for {setup}</source>
        <translation>{setup} 조합에는 가중치 초깃값(표준편차 {std:g})이 너무 큽니다</translation>
    </message>
    <message>
        <source>learning rate {lr:g} is too large for {setup}</source>
        <translation>{setup} 조합에는 학습률 {lr:g}이(가) 너무 큽니다</translation>
    </message>
    <message>
        <source>{what}: {advice}; lower it and reset</source>
        <translation>{what}: {advice}. 값을 낮추고 초기화하세요</translation>
    </message>
    <message>
        <source>a branch may change optimizer and training settings; data and network changes need a new run</source>
        <translation>분기에서는 옵티마이저와 학습 설정만 바꿀 수 있습니다. 데이터와 신경망을 바꾸려면 새로 실행하세요</translation>
    </message>
    <message>
        <source>loss became NaN at step {step}</source>
        <translation>{step} 스텝에서 손실이 NaN이 되었습니다</translation>
    </message>
    <message>
        <source>loss became infinite at step {step}</source>
        <translation>{step} 스텝에서 손실이 무한대가 되었습니다</translation>
    </message>
    <message>
        <source>worked example: the network {network} is too large to print; a handout shows at most {layers} layers of at most {width} neurons (try --preset xor)</source>
        <translation>손 계산 예제: 신경망 {network}은(는) 너무 커서 유인물에 담을 수 없습니다. 유인물에는 뉴런이 최대 {width}개인 층을 최대 {layers}개까지 싣습니다 (--preset xor를 써 보세요)</translation>
    </message>
    <message>
        <source>worked example: handouts cover networks without batch norm</source>
        <translation>손 계산 예제: 유인물은 배치 정규화가 없는 신경망만 다룹니다</translation>
    </message>
    <message>
        <source>worked example: --sample must be 0 to {last}</source>
        <translation>손 계산 예제: --sample은 0에서 {last} 사이여야 합니다</translation>
    </message>
    <message>
        <source>One update by hand: network {network}</source>
        <translation>손으로 따라가는 한 번의 갱신: 신경망 {network}</translation>
    </message>
    <message>
        <source>Hidden activation **{activation}**, output **{output}**, cost **{cost}**, optimizer **{optimizer}** (learning rate η = {lr}), training sample {sample} at step {step}.</source>
        <translation>은닉층 활성화 함수 **{activation}**, 출력 **{output}**, 손실 함수 **{cost}**, 옵티마이저 **{optimizer}** (학습률 η = {lr}), 스텝 {step}에서 훈련 샘플 {sample}번입니다.</translation>
    </message>
    <message>
        <source>Input x = ({x}), target t = ({t}).</source>
        <translation>입력 x = ({x}), 목표값 t = ({t}).</translation>
    </message>
    <message>
        <source>Forward pass</source>
        <translation>순전파</translation>
    </message>
    <message>
        <source>Layer {l} (output layer)</source>
        <translation>{l}층 (출력층)</translation>
    </message>
    <message>
        <source>Layer {l} (hidden layer {l})</source>
        <translation>{l}층 (은닉층 {l})</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>손실 함수</translation>
    </message>
    <message>
        <source>Backward pass</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>layer {l}, neuron {j}: {formula}</source>
        <translation>{l}층, 뉴런 {j}: {formula}</translation>
    </message>
    <message>
        <source>Gradients and update</source>
        <translation>기울기와 갱신</translation>
    </message>
    <message>
        <source>Each ∂E/∂w includes the penalty terms λ₁ sign(w) + λ₂ w (λ₁ = {l1}, λ₂ = {l2}).</source>
        <translation>각 ∂E/∂w에는 벌칙 항 λ₁ sign(w) + λ₂ w가 포함됩니다 (λ₁ = {l1}, λ₂ = {l2}).</translation>
    </message>
    <message>
        <source>Each weight from neuron i below to neuron j: ∂E/∂w = z_prev,i · δ_j; new value by w ← w − η ∂E/∂w.</source>
        <translation>아래층 뉴런 i에서 뉴런 j로 가는 각 가중치: ∂E/∂w = z_prev,i · δ_j이고, 새 값은 w ← w − η ∂E/∂w로 구합니다.</translation>
    </message>
    <message>
        <source>Each weight from neuron i below to neuron j: ∂E/∂w = z_prev,i · δ_j; new value by {optimizer}&apos;s update rule.</source>
        <translation>아래층 뉴런 i에서 뉴런 j로 가는 각 가중치: ∂E/∂w = z_prev,i · δ_j이고, 새 값은 {optimizer}의 갱신 규칙으로 구합니다.</translation>
    </message>
    <message>
        <source>nnlens worked example</source>
        <translation>nnlens 손 계산 예제</translation>
    </message>
    <message>
        <source>{name}: the handout is written as {formats}</source>
        <translation>{name}: 유인물은 {formats} 형식으로만 저장할 수 있습니다</translation>
    </message>
    <message>
        <source>{path}: cannot write the handout ({error})</source>
        <translation>{path}: 유인물을 저장할 수 없습니다 ({error})</translation>
    </message>
    <message>
        <source>δ̄ = mean over the batch of y − t = {numbers}</source>
        <translation>δ̄ = 배치 전체에 대한 y − t의 평균 = {numbers}</translation>
    </message>
    <message>
        <source>δ̄ = mean over the batch of f′(u) · Σₖ wₖ δₖ{bn} = {numbers}</source>
        <translation>δ̄ = 배치 전체에 대한 f′(u) · Σₖ wₖ δₖ{bn}의 평균 = {numbers}</translation>
    </message>
    <message>
        <source>∂E/∂w = mean over the batch of z_prev · δ = {numbers}</source>
        <translation>∂E/∂w = 배치 전체에 대한 z_prev · δ의 평균 = {numbers}</translation>
    </message>
</context>
<context>
    <name>ActivationsPanel</name>
    <message>
        <source>Activation histograms</source>
        <translation>활성화 값 히스토그램</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성화 값</translation>
    </message>
    <message>
        <source>fraction of values</source>
        <translation>값의 비율</translation>
    </message>
    <message>
        <source>No hidden layers: this network maps its inputs straight to the output, so there are no hidden activations to show.</source>
        <translation>은닉층이 없습니다. 이 신경망은 입력을 곧바로 출력으로 보내므로 보여 줄 은닉층 활성화 값이 없습니다.</translation>
    </message>
    <message>
        <source>layer {l} · {n} {f}</source>
        <translation>{l}층 · {f} {n}개</translation>
    </message>
    <message>
        <source>saturated {p}%</source>
        <translation>포화 {p}%</translation>
    </message>
    <message>
        <source>dead {p}%</source>
        <translation>죽은 뉴런 {p}%</translation>
    </message>
    <message>
        <source>mean {m} · std {s}</source>
        <translation>평균 {m} · 표준편차 {s}</translation>
    </message>
</context>
<context>
    <name>AnimationBox</name>
    <message>
        <source>MP4 (video)</source>
        <translation>MP4 (동영상)</translation>
    </message>
    <message>
        <source>The next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>From step</source>
        <translation>스텝 구간</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 스텝</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>녹화</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>to</source>
        <translation>~</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>A frame every</source>
        <translation>프레임 간격</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>저장 위치</translation>
    </message>
</context>
<context>
    <name>Autosave</name>
    <message>
        <source>Restore experiment</source>
        <translation>실험 복원</translation>
    </message>
    <message>
        <source>Restore the experiment you were working on (step {step}, {name}, saved {time})?</source>
        <translation>작업하던 실험을 복원할까요? (스텝 {step}, {name}, {time}에 저장)</translation>
    </message>
    <message>
        <source>nnlens did not close normally last time. Discard deletes the autosave.</source>
        <translation>지난번에 nnlens가 정상적으로 종료되지 않았습니다. 버리기를 누르면 자동 저장 파일을 삭제합니다.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>복원</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>버리기</translation>
    </message>
    <message>
        <source>Cannot autosave the experiment</source>
        <translation>실험을 자동 저장할 수 없습니다</translation>
    </message>
</context>
<context>
    <name>BranchDialog</name>
    <message>
        <source>Branch from step {s}</source>
        <translation>스텝 {s}에서 분기</translation>
    </message>
    <message>
        <source>Training continues from step {s} with these settings; the original run is kept so the two can be compared.</source>
        <translation>이 설정으로 스텝 {s}부터 학습을 이어 갑니다. 원래 실행은 그대로 남으므로 두 결과를 비교할 수 있습니다.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>학습률 η</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>values, separated by commas</source>
        <translation>쉼표로 구분한 값</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Setting</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Train the current experiment once per value, in lockstep, with everything else (data, seed, mini-batch order) the same.</source>
        <translation>현재 실험을 값마다 하나씩 만들어 한 스텝씩 나란히 학습합니다. 나머지(데이터, 시드, 미니배치 순서)는 모두 같습니다.</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>learning rate η</source>
        <translation>학습률 η</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>now: {value}</source>
        <translation>현재: {value}</translation>
    </message>
    <message>
        <source>{token}: cannot read this value</source>
        <translation>{token}: 이 값을 읽을 수 없습니다</translation>
    </message>
    <message>
        <source>Type one or more values, separated by commas.</source>
        <translation>값을 하나 이상 쉼표로 구분해 입력하세요.</translation>
    </message>
    <message>
        <source>{n} variants: {labels}</source>
        <translation>변형 {n}개: {labels}</translation>
    </message>
</context>
<context>
    <name>CompareWorker</name>
    <message>
        <source>every variant diverged</source>
        <translation>모든 변형이 발산했습니다</translation>
    </message>
</context>
<context>
    <name>ComparisonView</name>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Step ×10</source>
        <translation>스텝 ×10</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Start every variant again from its first weights</source>
        <translation>모든 변형을 처음 가중치에서 다시 시작합니다</translation>
    </message>
    <message>
        <source>Comparison</source>
        <translation>비교</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source> of {m}</source>
        <translation> / {m}</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>스텝 {n}</translation>
    </message>
    <message>
        <source>{label}: {reason}</source>
        <translation>{label}: {reason}</translation>
    </message>
</context>
<context>
    <name>Controls</name>
    <message>
        <source>Reset now to apply</source>
        <translation>지금 초기화하여 적용</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Regenerate data</source>
        <translation>데이터 다시 생성</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>샘플 수</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>노이즈</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>검증 데이터</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>신경망</translation>
    </message>
    <message>
        <source>Batch normalisation</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>은닉층</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>Output / loss</source>
        <translation>출력 / 손실</translation>
    </message>
    <message>
        <source>Weight init</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>Weight std</source>
        <translation>가중치 표준편차</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>full batch</source>
        <translation>전체 배치</translation>
    </message>
    <message>
        <source>The seed of the starting weights and of the mini-batch order</source>
        <translation>시작 가중치와 미니배치 순서를 정하는 시드</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Regularisation</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>Dropout ratio</source>
        <translation>드롭아웃 비율</translation>
    </message>
    <message>
        <source>New random data (data seed {seed}) and reset</source>
        <translation>새 무작위 데이터(데이터 시드 {seed})로 초기화</translation>
    </message>
    <message>
        <source>This data set is trained as: {task}</source>
        <translation>이 데이터셋의 학습 방식: {task}</translation>
    </message>
    <message>
        <source>known once the file is read</source>
        <translation>파일을 읽은 뒤에 알 수 있음</translation>
    </message>
    <message>
        <source>Cannot apply: {error}</source>
        <translation>적용할 수 없습니다: {error}</translation>
    </message>
    <message>
        <source>Applies on Reset: {fields}</source>
        <translation>초기화할 때 적용됨: {fields}</translation>
    </message>
</context>
<context>
    <name>DecisionPanel</name>
    <message>
        <source>Decision boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>No decision boundary: the data has 1 input; the boundary is drawn for 2-D data, the fitted curve for 1-D regression</source>
        <translation>결정 경계 없음: 데이터의 입력이 1개입니다. 결정 경계는 2차원 데이터에서, 적합 곡선은 1차원 회귀에서 그립니다</translation>
    </message>
    <message>
        <source>No decision boundary: the data has {n} inputs; the boundary is drawn for 2-D data</source>
        <translation>결정 경계 없음: 데이터의 입력이 {n}개입니다. 결정 경계는 2차원 데이터에서만 그립니다</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(클래스 1)</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>예측값</translation>
    </message>
    <message>
        <source>● training</source>
        <translation>● 훈련</translation>
    </message>
    <message>
        <source>○ validation</source>
        <translation>○ 검증</translation>
    </message>
    <message>
        <source>class {k}</source>
        <translation>클래스 {k}</translation>
    </message>
    <message>
        <source>— model</source>
        <translation>— 모델</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>These panels on one canvas:</source>
        <translation>한 그림에 넣을 패널:</translation>
    </message>
    <message>
        <source>The whole dashboard</source>
        <translation>대시보드 전체</translation>
    </message>
    <message>
        <source>This panel:</source>
        <translation>이 패널:</translation>
    </message>
    <message>
        <source> (4:3)</source>
        <translation> (4:3)</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>사용자 지정…</translation>
    </message>
    <message>
        <source>Slide (white, large print)</source>
        <translation>슬라이드 (흰 바탕, 큰 글씨)</translation>
    </message>
    <message>
        <source>Screen (as shown)</source>
        <translation>화면 (보이는 그대로)</translation>
    </message>
    <message>
        <source>Caption with the experiment&apos;s settings</source>
        <translation>실험 설정을 캡션으로 넣기</translation>
    </message>
    <message>
        <source>Write the experiment TOML next to it</source>
        <translation>같은 위치에 실험 TOML 파일도 저장</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>형식</translation>
    </message>
    <message>
        <source>Size (pixels)</source>
        <translation>크기 (픽셀)</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>테마</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>저장 위치</translation>
    </message>
    <message>
        <source>Choose at least one panel and a file name.</source>
        <translation>패널을 하나 이상 고르고 파일 이름을 정하세요.</translation>
    </message>
    <message>
        <source>Nothing to export yet: train a step first.</source>
        <translation>아직 내보낼 것이 없습니다. 먼저 한 스텝 학습하세요.</translation>
    </message>
    <message>
        <source>Wrote {path}</source>
        <translation>{path}에 저장했습니다</translation>
    </message>
</context>
<context>
    <name>Extras</name>
    <message>
        <source>Lessons</source>
        <translation>실습</translation>
    </message>
    <message>
        <source>X-ray</source>
        <translation>역전파 X-ray</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>타임라인</translation>
    </message>
    <message>
        <source>Cannot compare</source>
        <translation>비교할 수 없음</translation>
    </message>
    <message>
        <source>Export figure…</source>
        <translation>그림 내보내기…</translation>
    </message>
    <message>
        <source>Copy panel as image</source>
        <translation>패널을 이미지로 복사</translation>
    </message>
    <message>
        <source>Export worked example…</source>
        <translation>손 계산 예제 내보내기…</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>실습(&amp;L)</translation>
    </message>
    <message>
        <source>Compare…</source>
        <translation>비교…</translation>
    </message>
    <message>
        <source>Show the comparison window</source>
        <translation>비교 창 보기</translation>
    </message>
    <message>
        <source>Backprop X-ray</source>
        <translation>역전파 X-ray</translation>
    </message>
    <message>
        <source>{title} copied to the clipboard</source>
        <translation>{title} 패널을 클립보드에 복사했습니다</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>내보내기…</translation>
    </message>
    <message>
        <source>Copy as image</source>
        <translation>이미지로 복사</translation>
    </message>
    <message>
        <source>Validation point {row}: the X-ray follows training samples (the filled dots)</source>
        <translation>검증 데이터의 {row}번 점입니다. X-ray는 훈련 데이터(채워진 점)만 따라갑니다</translation>
    </message>
    <message>
        <source>Cannot compare these settings</source>
        <translation>이 설정은 비교할 수 없습니다</translation>
    </message>
    <message>
        <source>Branch from step {n}</source>
        <translation>스텝 {n}에서 분기</translation>
    </message>
</context>
<context>
    <name>GradientCheck</name>
    <message>
        <source>Check gradients</source>
        <translation>기울기 확인</translation>
    </message>
    <message>
        <source>Backprop against central differences, h = 0.0001</source>
        <translation>역전파와 수치 미분(중앙 차분) 비교, h = 0.0001</translation>
    </message>
    <message>
        <source>parameters</source>
        <translation>매개변수</translation>
    </message>
    <message>
        <source>relative error</source>
        <translation>상대 오차</translation>
    </message>
    <message>
        <source>verdict</source>
        <translation>판정</translation>
    </message>
    <message>
        <source>Numerical derivative (E(w + h) − E(w − h)) / 2h with h = 0.0001 against backprop on the next mini-batch: below 1e-6 they agree and backprop is right.</source>
        <translation>다음 미니배치에서 수치 미분 (E(w + h) − E(w − h)) / 2h (h = 0.0001)를 역전파와 비교합니다. 오차가 1e-6보다 작으면 두 값이 일치하며 역전파가 올바른 것입니다.</translation>
    </message>
    <message>
        <source>good</source>
        <translation>정상</translation>
    </message>
    <message>
        <source>check backprop</source>
        <translation>역전파 확인 필요</translation>
    </message>
    <message>
        <source>All {n} arrays agree: largest error {e:.1e}</source>
        <translation>배열 {n}개 모두 일치: 최대 오차 {e:.1e}</translation>
    </message>
    <message>
        <source>Largest error {e:.1e}: backprop and the numerical derivative differ</source>
        <translation>최대 오차 {e:.1e}: 역전파와 수치 미분 값이 다릅니다</translation>
    </message>
</context>
<context>
    <name>GradientFlowPanel</name>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>층</translation>
    </message>
    <message>
        <source>gradient norm per layer over time</source>
        <translation>시간에 따른 층별 기울기 노름</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>기울기 흐름</translation>
    </message>
    <message>
        <source>layer {l}</source>
        <translation>{l}층</translation>
    </message>
    <message>
        <source>latest, per layer</source>
        <translation>층별 최신 값</translation>
    </message>
    <message>
        <source>layer 1 / layer {L} = {r}</source>
        <translation>1층 / {L}층 = {r}</translation>
    </message>
</context>
<context>
    <name>LandscapePanel</name>
    <message>
        <source>Loss surface</source>
        <translation>손실 지형</translation>
    </message>
    <message>
        <source>The loss surface is drawn for models with exactly two parameters, W and b: linear or logistic regression with one input and no hidden layer. This network has {n} parameters: its loss depends on {n} numbers at once, too many to draw.</source>
        <translation>손실 지형은 매개변수가 정확히 두 개(W와 b)인 모델, 즉 입력이 하나이고 은닉층이 없는 선형 회귀나 로지스틱 회귀에서만 그립니다. 이 신경망의 매개변수는 {n}개입니다. 손실이 {n}개의 수에 한꺼번에 달려 있어 그림으로 그리기에는 너무 많습니다.</translation>
    </message>
    <message>
        <source>shaded: not convex here, the surface bends downward</source>
        <translation>음영: 볼록하지 않은 곳, 곡면이 아래로 휨</translation>
    </message>
    <message>
        <source>convex: it bends upward everywhere</source>
        <translation>볼록: 모든 곳에서 위로 휨</translation>
    </message>
    <message>
        <source>lowest {v} · ★ optimum W {w}, b {b}</source>
        <translation>최솟값 {v} · ★ 최적점 W {w}, b {b}</translation>
    </message>
    <message>
        <source>mean squared error ½(y − t)²</source>
        <translation>평균 제곱 오차 ½(y − t)²</translation>
    </message>
    <message>
        <source>cross-entropy −t log y − (1 − t) log(1 − y)</source>
        <translation>교차 엔트로피 −t log y − (1 − t) log(1 − y)</translation>
    </message>
    <message>
        <source>mean squared error ½(σ(Wx + b) − t)²</source>
        <translation>평균 제곱 오차 ½(σ(Wx + b) − t)²</translation>
    </message>
</context>
<context>
    <name>LayersEditor</name>
    <message>
        <source>none: a linear model (logistic regression)</source>
        <translation>없음: 선형 모델(로지스틱 회귀)</translation>
    </message>
    <message>
        <source>+ Add layer</source>
        <translation>+ 층 추가</translation>
    </message>
    <message>
        <source>Add a hidden layer with as many neurons as the last</source>
        <translation>마지막 층과 뉴런 수가 같은 은닉층을 추가합니다</translation>
    </message>
    <message>
        <source>Layer {n}</source>
        <translation>{n}층</translation>
    </message>
    <message>
        <source> neurons</source>
        <translation> 뉴런</translation>
    </message>
    <message>
        <source>Remove this layer</source>
        <translation>이 층 삭제</translation>
    </message>
</context>
<context>
    <name>LessonPane</name>
    <message>
        <source>network graph</source>
        <translation>신경망 그래프</translation>
    </message>
    <message>
        <source>weight distributions</source>
        <translation>가중치 분포</translation>
    </message>
    <message>
        <source>activation histograms</source>
        <translation>활성화 값 히스토그램</translation>
    </message>
    <message>
        <source>optimizer paths</source>
        <translation>옵티마이저 경로</translation>
    </message>
    <message>
        <source>loss and accuracy</source>
        <translation>손실과 정확도</translation>
    </message>
    <message>
        <source>decision boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>gradient flow</source>
        <translation>기울기 흐름</translation>
    </message>
    <message>
        <source>loss surface</source>
        <translation>손실 지형</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>실습 열기</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>실습</translation>
    </message>
    <message>
        <source>{name} (cannot be read)</source>
        <translation>{name} (읽을 수 없음)</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>변형</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>{n} random runs of {k} steps: lr = 10^U({a}, {b}), λ = 10^U({c}, {d})</source>
        <translation>{k} 스텝짜리 무작위 실행 {n}회: lr = 10^U({a}, {b}), λ = 10^U({c}, {d})</translation>
    </message>
    <message>
        <source>Shows: {panels}</source>
        <translation>표시: {panels}</translation>
    </message>
    <message>
        <source>Meant to train for {n} steps</source>
        <translation>권장 학습 길이: {n}&#xa0;스텝</translation>
    </message>
    <message>
        <source>Look at step 0: no training needed</source>
        <translation>스텝 0에서 관찰: 학습 필요 없음</translation>
    </message>
    <message>
        <source> — the base experiment</source>
        <translation> — 기본 실험</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>on</source>
        <translation>켬</translation>
    </message>
    <message>
        <source>off</source>
        <translation>끔</translation>
    </message>
    <message>
        <source>No lessons found.</source>
        <translation>실습을 찾을 수 없습니다.</translation>
    </message>
</context>
<context>
    <name>LossPanel</name>
    <message>
        <source>log scale (loss)</source>
        <translation>로그 스케일 (손실)</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>mini-batch loss</source>
        <translation>미니배치 손실</translation>
    </message>
    <message>
        <source>training set</source>
        <translation>훈련 데이터</translation>
    </message>
    <message>
        <source>validation set</source>
        <translation>검증 데이터</translation>
    </message>
    <message>
        <source>Loss and accuracy</source>
        <translation>손실과 정확도</translation>
    </message>
    <message>
        <source>step {n}</source>
        <translation>스텝 {n}</translation>
    </message>
    <message>
        <source>mini-batch {v}</source>
        <translation>미니배치 {v}</translation>
    </message>
    <message>
        <source>eval at {n}: train {t} · validation {v}</source>
        <translation>스텝 {n} 평가: 훈련 {t} · 검증 {v}</translation>
    </message>
    <message>
        <source>accuracy {t} · {v}</source>
        <translation>정확도 {t} · {v}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Controls</source>
        <translation>실험 설정</translation>
    </message>
    <message>
        <source>Cannot reset with these settings</source>
        <translation>이 설정으로는 초기화할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open {name}</source>
        <translation>{name} 파일을 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot save {name}</source>
        <translation>{name} 파일을 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Training stopped: {reason}</source>
        <translation>학습 중지: {reason}</translation>
    </message>
    <message>
        <source>Cannot use these settings</source>
        <translation>이 설정은 사용할 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open the lesson {title}</source>
        <translation>실습 {title}을(를) 열 수 없습니다</translation>
    </message>
    <message>
        <source>batch loss {v}</source>
        <translation>배치 손실 {v}</translation>
    </message>
    <message>
        <source>validation loss {v}</source>
        <translation>검증 손실 {v}</translation>
    </message>
    <message>
        <source>accuracy: train {a} · validation {b}</source>
        <translation>정확도: 훈련 {a} · 검증 {b}</translation>
    </message>
    <message>
        <source>{name}[*] — nnlens</source>
        <translation>{name}[*] — nnlens</translation>
    </message>
</context>
<context>
    <name>Menus</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open experiment…</source>
        <translation>실험 열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>최근 실험 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save experiment</source>
        <translation>실험 저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save experiment &amp;as…</source>
        <translation>다른 이름으로 실험 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>Default &amp;layout</source>
        <translation>기본 레이아웃(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>어두운 테마(&amp;D)</translation>
    </message>
    <message>
        <source>L&amp;ight theme</source>
        <translation>밝은 테마(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>설정(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>단축키(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;About nnlens</source>
        <translation>nnlens 정보(&amp;A)</translation>
    </message>
    <message>
        <source>(none yet)</source>
        <translation>(아직 없음)</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>실험 열기</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>실험 저장</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Space</translation>
    </message>
    <message>
        <source>Play / pause</source>
        <translation>재생 / 일시 정지</translation>
    </message>
    <message>
        <source>→ or N</source>
        <translation>→ 또는 N</translation>
    </message>
    <message>
        <source>One step (one mini-batch update)</source>
        <translation>한 스텝 (미니배치 하나로 한 번 갱신)</translation>
    </message>
    <message>
        <source>Shift+→</source>
        <translation>Shift+→</translation>
    </message>
    <message>
        <source>Ten steps</source>
        <translation>10 스텝</translation>
    </message>
    <message>
        <source>E</source>
        <translation>E</translation>
    </message>
    <message>
        <source>To the end of the epoch</source>
        <translation>현재 에폭 끝까지</translation>
    </message>
    <message>
        <source>R</source>
        <translation>R</translation>
    </message>
    <message>
        <source>Reset with a new seed (new starting weights)</source>
        <translation>새 시드로 초기화 (새 시작 가중치)</translation>
    </message>
    <message>
        <source>Shift+R</source>
        <translation>Shift+R</translation>
    </message>
    <message>
        <source>Reset with the same seed and the settings shown</source>
        <translation>같은 시드와 지금 표시된 설정으로 초기화</translation>
    </message>
    <message>
        <source>.</source>
        <translation>.</translation>
    </message>
    <message>
        <source>Backprop X-ray: the next phase of an update</source>
        <translation>역전파 X-ray: 갱신의 다음 단계</translation>
    </message>
    <message>
        <source>Ctrl+Shift+X</source>
        <translation>Ctrl+Shift+X</translation>
    </message>
    <message>
        <source>Show the backprop X-ray</source>
        <translation>역전파 X-ray 보기</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>그림 내보내기</translation>
    </message>
    <message>
        <source>Ctrl+Shift+C</source>
        <translation>Ctrl+Shift+C</translation>
    </message>
    <message>
        <source>Copy the focused panel as an image</source>
        <translation>선택한 패널을 이미지로 복사</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>About nnlens</source>
        <translation>nnlens 정보</translation>
    </message>
    <message>
        <source>&lt;b&gt;nnlens&lt;/b&gt; trains a small neural network in NumPy and shows what happens inside: the network, its weights and activations, the loss, the decision boundary and the gradients, step by step.</source>
        <translation>&lt;b&gt;nnlens&lt;/b&gt;는 NumPy로 작은 신경망을 학습시키며 그 안에서 일어나는 일을 한 스텝씩 보여 줍니다. 신경망 구조, 가중치와 활성화 값, 손실, 결정 경계, 기울기를 볼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>NetworkGraphPanel</name>
    <message>
        <source>probe sample </source>
        <translation>관찰 샘플 </translation>
    </message>
    <message>
        <source>Network graph</source>
        <translation>신경망 그래프</translation>
    </message>
    <message>
        <source>input
{n}</source>
        <translation>입력
{n}</translation>
    </message>
    <message>
        <source>output
{n} {f}</source>
        <translation>출력
{n} {f}</translation>
    </message>
    <message>
        <source>hidden {l}
{n} {f}</source>
        <translation>은닉층 {l}
{n} {f}</translation>
    </message>
    <message>
        <source>showing {k} of {n} neurons in wide layers</source>
        <translation>넓은 층은 뉴런 {n}개 중 {k}개만 표시</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>strongest {k} of {n} edges</source>
        <translation>연결선 {n}개 중 가장 강한 {k}개</translation>
    </message>
    <message>
        <source>fill: activation · outline: bias</source>
        <translation>채우기: 활성화 값 · 테두리: 편향</translation>
    </message>
    <message>
        <source>class {c} (p = {p})</source>
        <translation>클래스 {c} (p = {p})</translation>
    </message>
    <message>
        <source>P(class 1) = {p}</source>
        <translation>P(클래스 1) = {p}</translation>
    </message>
    <message>
        <source>input x[{i}] = {v:.4f}</source>
        <translation>입력 x[{i}] = {v:.4f}</translation>
    </message>
    <message>
        <source>output</source>
        <translation>출력</translation>
    </message>
    <message>
        <source>hidden {l}</source>
        <translation>은닉층 {l}</translation>
    </message>
    <message>
        <source>{where}, neuron {i}: activation {v:.4f}
bias b{l}[{i}] = {b:.4f}</source>
        <translation>{where}, 뉴런 {i}: 활성화 값 {v:.4f}
편향 b{l}[{i}] = {b:.4f}</translation>
    </message>
    <message>
        <source>weight W{l}[{i}, {j}] = {w:.4f}</source>
        <translation>가중치 W{l}[{i}, {j}] = {w:.4f}</translation>
    </message>
</context>
<context>
    <name>OptimizerEditor</name>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>학습률 η</translation>
    </message>
    <message>
        <source>Default: {value:g}</source>
        <translation>기본값: {value:g}</translation>
    </message>
</context>
<context>
    <name>OptimizerRacePanel</name>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Click the plot to move the start.</source>
        <translation>그래프를 클릭하면 시작점을 옮길 수 있습니다.</translation>
    </message>
    <message>
        <source>Optimizer paths</source>
        <translation>옵티마이저 경로</translation>
    </message>
    <message>
        <source>Tick an optimizer to race.</source>
        <translation>경주시킬 옵티마이저를 체크하세요.</translation>
    </message>
    <message>
        <source>diverged at step {n}</source>
        <translation>스텝 {n}에서 발산</translation>
    </message>
    <message>
        <source>step {n} of {m}</source>
        <translation>스텝 {n} / {m}</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
</context>
<context>
    <name>OverlayCurvesPanel</name>
    <message>
        <source>log scale (loss)</source>
        <translation>로그 스케일 (손실)</translation>
    </message>
    <message>
        <source>solid: training (mini-batch loss, smoothed) · dashed: validation</source>
        <translation>실선: 훈련 (미니배치 손실, 평활화) · 점선: 검증</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>Loss and accuracy, all variants</source>
        <translation>손실과 정확도, 모든 변형</translation>
    </message>
    <message>
        <source>training {t} · validation {v}</source>
        <translation>훈련 {t} · 검증 {v}</translation>
    </message>
    <message>
        <source>training loss {t} · validation loss {v}</source>
        <translation>훈련 손실 {t} · 검증 손실 {v}</translation>
    </message>
    <message>
        <source>diverged: {reason}</source>
        <translation>발산: {reason}</translation>
    </message>
</context>
<context>
    <name>Panel</name>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
</context>
<context>
    <name>SearchResults</name>
    <message>
        <source>learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>weight decay λ</source>
        <translation>가중치 감소 λ</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
    <message>
        <source>validation accuracy of each run</source>
        <translation>실행별 검증 정확도</translation>
    </message>
    <message>
        <source>the best runs</source>
        <translation>가장 좋은 실행</translation>
    </message>
    <message>
        <source>rank</source>
        <translation>순위</translation>
    </message>
    <message>
        <source>validation loss</source>
        <translation>검증 손실</translation>
    </message>
    <message>
        <source>note</source>
        <translation>비고</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>탐색 결과</translation>
    </message>
    <message>
        <source>#{k} lr {lr} · λ {wd}</source>
        <translation>#{k} lr {lr} · λ {wd}</translation>
    </message>
    <message>
        <source>diverged: {r}</source>
        <translation>발산: {r}</translation>
    </message>
</context>
<context>
    <name>SearchView</name>
    <message>
        <source>Trials</source>
        <translation>시행 횟수</translation>
    </message>
    <message>
        <source>Steps per trial</source>
        <translation>시행당 스텝 수</translation>
    </message>
    <message>
        <source>lr = 10^U(a, b)</source>
        <translation>lr = 10^U(a, b)</translation>
    </message>
    <message>
        <source>λ = 10^U(a, b)</source>
        <translation>λ = 10^U(a, b)</translation>
    </message>
    <message>
        <source>Worker processes</source>
        <translation>워커 프로세스 수</translation>
    </message>
    <message>
        <source>Start search</source>
        <translation>탐색 시작</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Narrow to the best</source>
        <translation>최고 결과로 좁히기</translation>
    </message>
    <message>
        <source>Set both ranges around the best runs, then search again</source>
        <translation>두 범위를 가장 좋은 실행 주변으로 좁힌 뒤 다시 탐색합니다</translation>
    </message>
    <message>
        <source>Hyper-parameter search</source>
        <translation>하이퍼파라미터 탐색</translation>
    </message>
    <message>
        <source>Training {n} candidates…</source>
        <translation>후보 {n}개 학습 중…</translation>
    </message>
    <message>
        <source>Cancelling: waiting for the runs in progress…</source>
        <translation>취소 중: 진행 중인 실행이 끝나기를 기다립니다…</translation>
    </message>
    <message>
        <source>No run finished.</source>
        <translation>완료된 실행이 없습니다.</translation>
    </message>
    <message>
        <source>{n} runs; best validation accuracy {a} at lr {lr}, λ {wd}</source>
        <translation>실행 {n}회, 최고 검증 정확도 {a} (lr {lr}, λ {wd})</translation>
    </message>
    <message>
        <source>The search failed: {m}</source>
        <translation>탐색에 실패했습니다: {m}</translation>
    </message>
</context>
<context>
    <name>TimelineBar</name>
    <message>
        <source>Drag back to see the network at an earlier step</source>
        <translation>뒤로 드래그하면 이전 스텝의 신경망을 볼 수 있습니다</translation>
    </message>
    <message>
        <source>Branch from here…</source>
        <translation>여기서 분기…</translation>
    </message>
    <message>
        <source>timeline {used:.1f} MB of {budget:.0f} MB</source>
        <translation>타임라인 {used:.1f} MB / {budget:.0f} MB</translation>
    </message>
    <message>
        <source>step {s}</source>
        <translation>스텝 {s}</translation>
    </message>
    <message>
        <source> (of {n})</source>
        <translation> (전체 {n})</translation>
    </message>
</context>
<context>
    <name>Transport</name>
    <message>
        <source>Transport</source>
        <translation>재생 제어</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Train continuously (Space)</source>
        <translation>계속 학습 (Space)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
    <message>
        <source>One mini-batch update (→ or N)</source>
        <translation>미니배치 한 번 갱신 (→ 또는 N)</translation>
    </message>
    <message>
        <source>Step ×10</source>
        <translation>스텝 ×10</translation>
    </message>
    <message>
        <source>Ten updates (Shift+→)</source>
        <translation>10번 갱신 (Shift+→)</translation>
    </message>
    <message>
        <source>Epoch</source>
        <translation>에폭</translation>
    </message>
    <message>
        <source>Train to the end of the epoch (E)</source>
        <translation>에폭 끝까지 학습 (E)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>New starting weights from a new seed (R)</source>
        <translation>새 시드로 초기 가중치를 새로 만듭니다 (R)</translation>
    </message>
    <message>
        <source>Same seed</source>
        <translation>같은 시드</translation>
    </message>
    <message>
        <source>Start again from the same weights, applying the settings shown (Shift+R)</source>
        <translation>표시된 설정을 적용해 같은 가중치에서 다시 시작합니다 (Shift+R)</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> 속도 </translation>
    </message>
    <message>
        <source>Steps per second while playing</source>
        <translation>재생 중 초당 스텝 수</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>step {step:,}   epoch {epoch:,}</source>
        <translation>스텝 {step:,}   에폭 {epoch:,}</translation>
    </message>
    <message>
        <source>max</source>
        <translation>최대</translation>
    </message>
    <message>
        <source>{n:g} steps/s</source>
        <translation>초당 {n:g} 스텝</translation>
    </message>
</context>
<context>
    <name>WeightsPanel</name>
    <message>
        <source>weights</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>biases</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>over time (5–95 % bands)</source>
        <translation>시간에 따른 변화 (5–95 % 구간)</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>표시</translation>
    </message>
    <message>
        <source>Weight distributions</source>
        <translation>가중치 분포</translation>
    </message>
    <message>
        <source>mean {m} · std {s}</source>
        <translation>평균 {m} · 표준편차 {s}</translation>
    </message>
    <message>
        <source>step</source>
        <translation>스텝</translation>
    </message>
</context>
<context>
    <name>XrayDiagram</name>
    <message>
        <source>Not every number fits: enlarge this view, or click a neuron or an edge.</source>
        <translation>모든 숫자를 표시할 공간이 없습니다: 화면을 키우거나 뉴런이나 연결선을 클릭하세요.</translation>
    </message>
</context>
<context>
    <name>XrayView</name>
    <message>
        <source>Input x{i}</source>
        <translation>입력 x{i}</translation>
    </message>
    <message>
        <source>output neuron {j}</source>
        <translation>출력 뉴런 {j}</translation>
    </message>
    <message>
        <source>layer {l}, neuron {j}</source>
        <translation>{l}층, 뉴런 {j}</translation>
    </message>
    <message>
        <source>z̄ = mean over the mini-batch of {f}(u) = {z}</source>
        <translation>z̄ = 미니배치에 대한 {f}(u)의 평균 = {z}</translation>
    </message>
    <message>
        <source>Forward</source>
        <translation>순전파</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Chain rule: δ = ∂E/∂u = y − t, because the output function and the cost are matched ({cost})</source>
        <translation>연쇄 법칙: δ = ∂E/∂u = y − t. 출력 함수와 손실 함수가 짝을 이루기 때문입니다 ({cost})</translation>
    </message>
    <message>
        <source>Chain rule: δⱼ = ∂E/∂uⱼ = ∂zⱼ/∂uⱼ · Σₖ ∂E/∂uₖ · ∂uₖ/∂zⱼ = f′(uⱼ) · Σₖ wⱼₖ δₖ, with f′(u) = {s}</source>
        <translation>연쇄 법칙: δⱼ = ∂E/∂uⱼ = ∂zⱼ/∂uⱼ · Σₖ ∂E/∂uₖ · ∂uₖ/∂zⱼ = f′(uⱼ) · Σₖ wⱼₖ δₖ, 여기서 f′(u) = {s}</translation>
    </message>
    <message>
        <source>Backward</source>
        <translation>역전파</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>갱신</translation>
    </message>
    <message>
        <source>input x{i}</source>
        <translation>입력 x{i}</translation>
    </message>
    <message>
        <source>neuron {i} of layer {l}</source>
        <translation>{l}층의 뉴런 {i}</translation>
    </message>
    <message>
        <source>neuron {j} of layer {l}</source>
        <translation>{l}층의 뉴런 {j}</translation>
    </message>
    <message>
        <source>Weight w from {a} to {b}</source>
        <translation>가중치 w: {a} → {b}</translation>
    </message>
    <message>
        <source>adds z_prev · w = {a} · {w} = {p} to u</source>
        <translation>u에 더해지는 값: z_prev · w = {a} · {w} = {p}</translation>
    </message>
    <message>
        <source>Chain rule: ∂E/∂w = ∂E/∂uⱼ · ∂uⱼ/∂w = δⱼ · z_prev,ᵢ (u = … + z_prev · w + …, so ∂u/∂w = z_prev)</source>
        <translation>연쇄 법칙: ∂E/∂w = ∂E/∂uⱼ · ∂uⱼ/∂w = δⱼ · z_prev,ᵢ (u = … + z_prev · w + … 이므로 ∂u/∂w = z_prev)</translation>
    </message>
    <message>
        <source> (with the weight-decay term)</source>
        <translation> (가중치 감소 항 포함)</translation>
    </message>
    <message>
        <source>Δ{n} = new − old = {new} − {old} = {d} ({opt}&apos;s rule with its running state; ∂E/∂{n} = {g}{p})</source>
        <translation>Δ{n} = 새 값 − 이전 값 = {new} − {old} = {d} ({opt} 갱신 규칙, 누적된 내부 상태 반영; ∂E/∂{n} = {g}{p})</translation>
    </message>
    <message>
        <source>E = mean over the mini-batch of the cost = {e}</source>
        <translation>E = 미니배치에 대한 손실 함수 값의 평균 = {e}</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>입력 x</translation>
    </message>
    <message>
        <source>layer {l} · {f}</source>
        <translation>{l}층 · {f}</translation>
    </message>
    <message>
        <source>output · {f}</source>
        <translation>출력 · {f}</translation>
    </message>
    <message>
        <source>Update {k} has not started: press Phase step (.) for the forward pass</source>
        <translation>{k}번째 갱신은 아직 시작되지 않았습니다: 순전파를 보려면 단계 진행(.)을 누르세요</translation>
    </message>
    <message>
        <source>Forward · layer {l}: u = z_prev W + b, z = {f}(u)</source>
        <translation>순전파 · {l}층: u = z_prev W + b, z = {f}(u)</translation>
    </message>
    <message>
        <source>Forward · output layer {l}: u = z_prev W + b, y = {f}(u); edges show w</source>
        <translation>순전파 · 출력층({l}층): u = z_prev W + b, y = {f}(u); 연결선은 w를 나타냅니다</translation>
    </message>
    <message>
        <source>Loss: E = {e} ({cost}); y is the output, t the target</source>
        <translation>손실: E = {e} ({cost}); y는 출력, t는 목표값</translation>
    </message>
    <message>
        <source>Backward · output layer {l}: δ = y − t; edges show ∂E/∂w = z_prev · δ</source>
        <translation>역전파 · 출력층({l}층): δ = y − t; 연결선은 ∂E/∂w = z_prev · δ를 나타냅니다</translation>
    </message>
    <message>
        <source>Backward · layer {l}: δ = f′(u) · Σₖ wₖ δₖ; edges show ∂E/∂w = z_prev · δ</source>
        <translation>역전파 · {l}층: δ = f′(u) · Σₖ wₖ δₖ; 연결선은 ∂E/∂w = z_prev · δ를 나타냅니다</translation>
    </message>
    <message>
        <source>Update {k} by {opt} (η = {lr}): each weight&apos;s new value (and its change Δw), each neuron&apos;s new bias b and Δb</source>
        <translation>{opt}로 {k}번째 갱신 (η = {lr}): 각 가중치의 새 값(과 변화량 Δw), 각 뉴런의 새 편향 b와 Δb</translation>
    </message>
    <message>
        <source> (values in evaluation mode: without dropout, batch norm with its running statistics; the real step trains with them)</source>
        <translation> (평가 모드의 값: 드롭아웃 없이, 배치 정규화는 누적 통계로 계산; 실제 스텝은 드롭아웃과 배치 정규화를 적용해 학습합니다)</translation>
    </message>
    <message>
        <source>Mean over the mini-batch of update {k} ({n} rows)</source>
        <translation>{k}번째 갱신의 미니배치 평균 ({n}개 행)</translation>
    </message>
    <message>
        <source> — the real training step</source>
        <translation> — 실제 학습 스텝</translation>
    </message>
    <message>
        <source>Training row {row}: x = ({x}), target {t}</source>
        <translation>훈련 데이터 {row}번 행: x = ({x}), 목표값 {t}</translation>
    </message>
    <message>
        <source> — the update this sample alone would make (as in the handout); </source>
        <translation> — 이 샘플 하나만으로 계산한 갱신 (유인물과 같은 방식); </translation>
    </message>
    <message>
        <source>the real step averages its mini-batch of {n} rows</source>
        <translation>실제 스텝은 미니배치 {n}개 행의 평균을 사용합니다</translation>
    </message>
    <message>
        <source>Phase step</source>
        <translation>단계 진행</translation>
    </message>
    <message>
        <source>Phase step (.)</source>
        <translation>단계 진행 (.)</translation>
    </message>
    <message>
        <source>The next moment of the update (key .)</source>
        <translation>갱신의 다음 단계로 (키 .)</translation>
    </message>
    <message>
        <source>sample </source>
        <translation>샘플 </translation>
    </message>
    <message>
        <source>The training row the X-ray follows; clicking a training point on the decision boundary picks it. The network graph&apos;s probe sample counts the probe rows instead, so its numbers are other samples.</source>
        <translation>X-ray가 따라가는 훈련 데이터 행입니다. 결정 경계에서 훈련 데이터 점을 클릭해도 고를 수 있습니다. 신경망 그래프의 관찰 샘플은 관찰용 행을 따로 세므로, 번호가 같아도 다른 샘플입니다.</translation>
    </message>
    <message>
        <source>one sample</source>
        <translation>샘플 하나</translation>
    </message>
    <message>
        <source>mini-batch mean</source>
        <translation>미니배치 평균</translation>
    </message>
    <message>
        <source>Use training state</source>
        <translation>학습 상태 가져오기</translation>
    </message>
    <message>
        <source>Load the main run&apos;s current weights and optimizer state</source>
        <translation>주 창에서 학습 중인 신경망의 현재 가중치와 옵티마이저 상태를 불러옵니다</translation>
    </message>
    <message>
        <source>Export worked example…</source>
        <translation>손 계산 예제 내보내기…</translation>
    </message>
    <message>
        <source>No network yet: press “Use training state”.</source>
        <translation>아직 신경망이 없습니다: “학습 상태 가져오기”를 누르세요.</translation>
    </message>
    <message>
        <source>Cannot X-ray this experiment: {e}</source>
        <translation>이 실험은 X-ray로 볼 수 없습니다: {e}</translation>
    </message>
    <message>
        <source>X-ray shows networks of up to {layers} layers and {width} neurons per layer; this one is {sizes}.</source>
        <translation>X-ray는 최대 {layers}개 층, 층마다 뉴런 {width}개까지의 신경망만 보여 줍니다. 이 신경망은 {sizes}입니다.</translation>
    </message>
    <message>
        <source>Export worked example</source>
        <translation>손 계산 예제 내보내기</translation>
    </message>
    <message>
        <source>Cannot export the worked example</source>
        <translation>손 계산 예제를 내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>this update diverges: {why}</source>
        <translation>이 갱신은 발산합니다: {why}</translation>
    </message>
    <message>
        <source>Click a neuron or an edge to see its formula with the numbers.</source>
        <translation>뉴런이나 연결선을 클릭하면 수식과 실제 값을 볼 수 있습니다.</translation>
    </message>
</context>
<context>
    <name>dialog</name>
    <message>
        <source>Animation…</source>
        <translation>애니메이션…</translation>
    </message>
</context>
<context>
    <name>export</name>
    <message>
        <source>Nothing to copy yet: train a step first.</source>
        <translation>아직 복사할 내용이 없습니다. 먼저 한 스텝 학습하세요.</translation>
    </message>
</context>
<context>
    <name>names</name>
    <message>
        <source>XOR</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>Circles</source>
        <translation>동심원</translation>
    </message>
    <message>
        <source>Spirals</source>
        <translation>나선</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>초승달</translation>
    </message>
    <message>
        <source>Blobs (3 classes)</source>
        <translation>군집 (클래스 3개)</translation>
    </message>
    <message>
        <source>Line (regression)</source>
        <translation>직선 (회귀)</translation>
    </message>
    <message>
        <source>Sine (regression)</source>
        <translation>사인 (회귀)</translation>
    </message>
    <message>
        <source>Digits 8×8 (10 classes)</source>
        <translation>손글씨 숫자 8×8 (클래스 10개)</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>시그모이드</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>항등 함수</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>계단 함수</translation>
    </message>
    <message>
        <source>Follows the data</source>
        <translation>데이터에 따름</translation>
    </message>
    <message>
        <source>Sigmoid + cross-entropy</source>
        <translation>시그모이드 + 교차 엔트로피</translation>
    </message>
    <message>
        <source>Softmax + cross-entropy</source>
        <translation>소프트맥스 + 교차 엔트로피</translation>
    </message>
    <message>
        <source>Identity + MSE</source>
        <translation>항등 함수 + MSE</translation>
    </message>
    <message>
        <source>Xavier (1/√n)</source>
        <translation>Xavier (1/√n)</translation>
    </message>
    <message>
        <source>Xavier uniform</source>
        <translation>Xavier (균등분포)</translation>
    </message>
    <message>
        <source>He (√(2/n))</source>
        <translation>He (√(2/n))</translation>
    </message>
    <message>
        <source>He uniform</source>
        <translation>He (균등분포)</translation>
    </message>
    <message>
        <source>Normal with std…</source>
        <translation>정규분포 (표준편차 지정)…</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>모두 0</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>모멘텀</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>AdaGrad</source>
        <translation>AdaGrad</translation>
    </message>
    <message>
        <source>RMSProp</source>
        <translation>RMSProp</translation>
    </message>
    <message>
        <source>AdaDelta</source>
        <translation>AdaDelta</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>The course&apos;s bowl</source>
        <translation>교재의 그릇 모양</translation>
    </message>
    <message>
        <source>Rosenbrock</source>
        <translation>Rosenbrock</translation>
    </message>
    <message>
        <source>Beale</source>
        <translation>Beale</translation>
    </message>
    <message>
        <source>Himmelblau</source>
        <translation>Himmelblau</translation>
    </message>
    <message>
        <source>Saddle</source>
        <translation>안장 곡면</translation>
    </message>
    <message>
        <source>Booth</source>
        <translation>Booth</translation>
    </message>
    <message>
        <source>Momentum α</source>
        <translation>모멘텀 α</translation>
    </message>
    <message>
        <source>Decay rate α</source>
        <translation>감쇠율 α</translation>
    </message>
    <message>
        <source>Decay rate ρ</source>
        <translation>감쇠율 ρ</translation>
    </message>
    <message>
        <source>β₁ (momentum)</source>
        <translation>β₁ (모멘텀)</translation>
    </message>
    <message>
        <source>β₂ (squares)</source>
        <translation>β₂ (제곱)</translation>
    </message>
    <message>
        <source>dataset</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>샘플 수</translation>
    </message>
    <message>
        <source>noise</source>
        <translation>노이즈</translation>
    </message>
    <message>
        <source>validation split</source>
        <translation>검증 데이터 비율</translation>
    </message>
    <message>
        <source>data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>은닉층</translation>
    </message>
    <message>
        <source>activation</source>
        <translation>활성화 함수</translation>
    </message>
    <message>
        <source>output/loss</source>
        <translation>출력/손실</translation>
    </message>
    <message>
        <source>weight init</source>
        <translation>가중치 초깃값</translation>
    </message>
    <message>
        <source>weight std</source>
        <translation>가중치 표준편차</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>배치 정규화</translation>
    </message>
    <message>
        <source>dropout</source>
        <translation>드롭아웃</translation>
    </message>
    <message>
        <source>L1 λ</source>
        <translation>L1 λ</translation>
    </message>
    <message>
        <source>L2 λ</source>
        <translation>L2 λ</translation>
    </message>
    <message>
        <source>batch size</source>
        <translation>배치 크기</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>optimizer</source>
        <translation>옵티마이저</translation>
    </message>
</context>
<context>
    <name>self.race_panel</name>
    <message>
        <source>Step</source>
        <translation>스텝</translation>
    </message>
</context>
</TS>
